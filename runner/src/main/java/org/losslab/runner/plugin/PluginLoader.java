package org.losslab.runner.plugin;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.losslab.api.LoadProblem;
import org.losslab.api.LossException;
import org.losslab.api.LossRegistry;
import org.losslab.runner.plugin.PluginOptions.Folder;

/**
 * Builds the loss registry: the losses on the host's class path, then every plugin in the plugin folders, each jar
 * (or each sub-folder of jars) in its own class loader whose parent shares only losslab's api.
 *
 * <p>A broken plugin never takes the tool down: a corrupt jar, a service entry naming a missing class, a provider
 * whose constructor throws, one built for an incompatible API version, two plugins claiming one id — each becomes
 * one {@link LoadProblem} naming the jar and the reason, and every other loss stays usable.
 */
public final class PluginLoader {
  private final ClassLoader host;

  /** Loads plugins beside the losses that losslab itself was loaded with. */
  public PluginLoader() {
    this(PluginLoader.class.getClassLoader());
  }

  /** Loads plugins beside the losses visible through {@code host}. */
  public PluginLoader(ClassLoader host) {
    this.host = host;
  }

  /** The registry of the host's losses and every plugin's. */
  public LossRegistry registry(List<Plugin> plugins) {
    LossRegistry.Builder builder = LossRegistry.builder().load(host);
    for (Plugin plugin : plugins) {
      String origin = plugin.describe();
      String unreadable = unreadable(plugin.jars());
      if (unreadable != null) {
        builder.problem(new LoadProblem("", List.of(), unreadable, null, origin));
        continue;
      }
      builder.load(classLoader(plugin), origin);
    }
    return builder.build();
  }

  /**
   * The plugins in {@code folders}: each {@code .jar} file, and each sub-folder holding jars, in name order.
   *
   * @throws LossException when a folder the user named does not exist or is not a folder
   */
  public static List<Plugin> plugins(List<Folder> folders) {
    List<Plugin> plugins = new ArrayList<>();
    for (Folder folder : folders) {
      Path path = folder.path();
      if (!Files.isDirectory(path)) {
        if (folder.explicit()) {
          throw new LossException("plugins folder " + path + (Files.exists(path) ? " is not a folder" : " does not exist"));
        }
        continue;
      }
      for (Path entry : list(path)) {
        if (Files.isDirectory(entry)) {
          List<Path> jars = list(entry).stream().filter(PluginLoader::isJar).toList();
          if (!jars.isEmpty()) {
            plugins.add(new Plugin(entry, jars, version(jars)));
          }
        } else if (isJar(entry)) {
          plugins.add(new Plugin(entry, List.of(entry), version(List.of(entry))));
        }
      }
    }
    return plugins;
  }

  private ClassLoader classLoader(Plugin plugin) {
    URL[] urls = new URL[plugin.jars().size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = plugin.jars().get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    // Never closed: the plugin's classes are used until the process ends.
    return new URLClassLoader("plugin " + plugin.path(), urls, new ApiClassLoader(host));
  }

  private static boolean isJar(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar");
  }

  private static List<Path> list(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new LossException("cannot list plugins folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Why one of the jars cannot be opened as a jar, or null when all can. */
  private static @Nullable String unreadable(List<Path> jars) {
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        file.getManifest();
      } catch (IOException | SecurityException e) {
        return (jars.size() > 1 ? jar.getFileName() + " is " : "") + "not a readable jar ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
      }
    }
    return null;
  }

  /** The first {@code Implementation-Version} among the jars' manifests. */
  private static @Nullable String version(List<Path> jars) {
    for (Path jar : jars) {
      try (JarFile file = new JarFile(jar.toFile())) {
        Manifest manifest = file.getManifest();
        String version = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        if (version != null && !version.isBlank()) {
          return version;
        }
      } catch (IOException | SecurityException e) {
        // An unreadable jar is reported by registry(); it has no version to offer.
      }
    }
    return null;
  }
}
