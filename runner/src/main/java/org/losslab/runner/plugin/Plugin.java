package org.losslab.runner.plugin;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One plugin: a jar, or a folder of jars, loaded by its own class loader.
 *
 * @param path the jar or folder
 * @param jars the jars on its class path
 * @param version the plugin's version from its manifest ({@code Implementation-Version}), if it states one
 */
public record Plugin(Path path, List<Path> jars, @Nullable String version) {

  public Plugin {
    jars = List.copyOf(jars);
  }

  /** {@code plugins/quantile.jar (1.2.0)}: how listings and messages name the plugin. */
  public String describe() {
    return path + (version == null ? "" : " (" + version + ")");
  }
}
