package org.losslab.runner.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.runner.plugin.PluginOptions.Folder;

/** Where plugins are looked for: --plugins, else LOSSLAB_PLUGINS, else ./plugins when it exists. */
class PluginOptionsTests {
  @TempDir
  Path work;

  @Test
  void theOptionWinsOverTheEnvironment() {
    PluginOptions options = new PluginOptions().withEnvironment(Map.of("LOSSLAB_PLUGINS", "/from/env"), work);
    options.folders = List.of(Path.of("a"), Path.of("b"));
    assertThat(options.folders()).containsExactly(new Folder(Path.of("a"), true), new Folder(Path.of("b"), true));
  }

  @Test
  void theEnvironmentListsFoldersLikeAClassPath() {
    PluginOptions options = new PluginOptions()
        .withEnvironment(Map.of("LOSSLAB_PLUGINS", "/x" + File.pathSeparator + File.pathSeparator + "/y"), work);
    assertThat(options.folders()).containsExactly(new Folder(Path.of("/x"), true), new Folder(Path.of("/y"), true));
  }

  @Test
  void aLocalPluginsFolderIsUsedOnlyWhenItExists() throws IOException {
    PluginOptions options = new PluginOptions().withEnvironment(Map.of(), work);
    assertThat(options.folders()).isEmpty();
    Files.createDirectory(work.resolve("plugins"));
    assertThat(options.folders()).containsExactly(new Folder(Path.of("plugins"), false));
  }

  @Test
  void aMissingImplicitFolderIsSkippedButAMissingExplicitOneIsAnError() {
    assertThat(PluginLoader.plugins(List.of(new Folder(work.resolve("none"), false)))).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PluginLoader.plugins(List.of(new Folder(work.resolve("none"), true))))
        .hasMessage("plugins folder " + work.resolve("none") + " does not exist");
  }

  @Test
  void jarsAndFoldersOfJarsAreEachOnePlugin() throws IOException {
    Files.createFile(work.resolve("b.jar"));
    Files.createFile(work.resolve("notes.txt"));
    Path folder = Files.createDirectory(work.resolve("a-folder"));
    Files.createFile(folder.resolve("lib2.jar"));
    Files.createFile(folder.resolve("lib1.jar"));
    Files.createDirectory(work.resolve("empty"));

    List<Plugin> plugins = PluginLoader.plugins(List.of(new Folder(work, true)));

    assertThat(plugins).extracting(Plugin::path).containsExactly(folder, work.resolve("b.jar"));
    assertThat(plugins.get(0).jars()).containsExactly(folder.resolve("lib1.jar"), folder.resolve("lib2.jar"));
  }
}
