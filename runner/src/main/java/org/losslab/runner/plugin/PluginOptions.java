package org.losslab.runner.plugin;

import jakarta.inject.Singleton;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where plugins are, as every command accepts it: {@code --plugins DIR} (repeatable), else the folders in
 * {@code LOSSLAB_PLUGINS} (separated like a class path), else {@code ./plugins} when it exists. One instance serves
 * the whole invocation, so that the loss registry, built on first use, sees what picocli parsed.
 */
@Singleton
public class PluginOptions {
  /** The environment variable naming plugin folders. */
  public static final String ENVIRONMENT = "LOSSLAB_PLUGINS";

  @Option(names = "--plugins", paramLabel = "DIR",
      description = "a folder of plugin jars (or of folders of jars); repeatable. Default: $" + ENVIRONMENT
          + ", else ./plugins when it exists")
  List<Path> folders = new ArrayList<>();

  private Map<String, String> environment = System.getenv();
  private Path workingDirectory = Path.of("");

  /** For tests: another environment and working directory. */
  public PluginOptions withEnvironment(Map<String, String> environment, Path workingDirectory) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    return this;
  }

  /** The plugin folders to load, in order, and whether each was asked for explicitly (a missing one is an error). */
  public List<Folder> folders() {
    List<Folder> result = new ArrayList<>();
    if (!folders.isEmpty()) {
      folders.forEach(folder -> result.add(new Folder(folder, true)));
      return result;
    }
    String variable = environment.get(ENVIRONMENT);
    if (variable != null && !variable.isBlank()) {
      for (String entry : variable.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          result.add(new Folder(Path.of(entry), true));
        }
      }
      return result;
    }
    Path local = workingDirectory.resolve("plugins");
    if (Files.isDirectory(local)) {
      result.add(new Folder(Path.of("plugins"), false));
    }
    return result;
  }

  /**
   * A plugin folder.
   *
   * @param explicit whether the user named it (then it must exist)
   */
  public record Folder(Path path, boolean explicit) {}
}
