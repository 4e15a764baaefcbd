package org.losslab.runner;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.plugin.PluginOptions;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The catalogue of inputs, bad and good: one folder per case under {@code src/test/resources/catalogue}, each run by
 * the one parameterised test below as {@code losslab} would run it, in-process. The catalogue is data; adding a case
 * is adding a folder.
 *
 * <p>A case folder holds the case's files (an {@code experiment.yaml}, data files, a {@code plugins/} folder) and a
 * {@code case.yaml}:
 *
 * <ul>
 *   <li>{@code description}: what the case exercises, one line.
 *   <li>{@code args}: the command after {@code losslab}; {@code {dir}} stands for the case folder's absolute path.
 *   <li>{@code setup} (optional): files that cannot be committed as they are, made before the run, in order:
 *       {@code {write: NAME, text: "...", charset: ISO-8859-1}} (UTF-8 when no charset: a byte-order mark or CRLF
 *       line ends, written with YAML's escapes), {@code {empty: NAME}}, {@code {directory: NAME}},
 *       {@code {unreadable: NAME}} (permissions removed; the case is skipped where that does not stop reading, as
 *       for root), and {@code {npy: NAME, header: "{'descr': ...}", payload_bytes: N}} for a hand-made .npy file
 *       (optional {@code version: "2.0"}, and {@code header_length: N} to claim a length other than the header's).
 *   <li>{@code exit}: the expected exit code.
 *   <li>{@code stderr}: every line expected on stderr, in order, with {@code {dir}}; nothing else may be printed.
 *   <li>{@code stdout_contains} (optional): texts that stdout must contain. With exit code 2 stdout must be empty.
 *   <li>{@code disabled} (optional): why the case is skipped, for a defect found and not yet fixed; the case states
 *       the behaviour expected once it is.
 * </ul>
 *
 * <p>Each case runs on a copy of its folder in a temporary folder, so that setup never touches the catalogue and
 * paths do not depend on the working directory. The plugin folders are exactly the {@code --plugins} the case gives:
 * neither {@code LOSSLAB_PLUGINS} nor a {@code ./plugins} folder where the tests run can add any. The .npy files made
 * with NumPy come from {@code catalogue/generate_npy.py}; each plugin jar from the {@code build.sh} beside it.
 */
class CatalogueTests {
  private static final Set<String> CASE_KEYS =
      Set.of("description", "args", "setup", "exit", "stderr", "stdout_contains", "disabled");
  private static final String DIR = "{dir}";

  @TempDir
  Path temporary;

  static Stream<Named<Path>> cases() throws IOException, URISyntaxException {
    URL catalogue = CatalogueTests.class.getResource("/catalogue");
    assertThat(catalogue).as("the catalogue on the test class path").isNotNull();
    try (Stream<Path> entries = Files.list(Path.of(catalogue.toURI()))) {
      List<Path> folders = entries.filter(Files::isDirectory).sorted().toList();
      return folders.stream().map(folder -> Named.of(folder.getFileName().toString(), folder));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void catalogue(Path folder) throws IOException {
    Case spec = Case.read(folder.resolve("case.yaml"));
    Assumptions.assumeTrue(spec.disabled() == null, () -> "disabled: " + spec.disabled());
    Path dir = copy(folder, temporary.toRealPath().resolve(folder.getFileName().toString()));
    for (Map<String, Object> step : spec.setup()) {
      setUp(dir, step);
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = spec.args().stream().map(arg -> arg.replace(DIR, dir.toString())).toArray(String[]::new);
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), hermetic(temporary));

    String what = folder.getFileName() + " (" + spec.description() + "): ";
    String stderr = err.toString();
    assertThat(stderr).as(what + "stderr, without a stack trace")
        .doesNotContain("\tat ").doesNotContain("Exception in").doesNotContain("internal error");
    assertThat(stderr.lines().toList()).as(what + "stderr lines")
        .containsExactlyElementsOf(spec.stderr().stream().map(line -> line.replace(DIR, dir.toString())).toList());
    assertThat(code).as(what + "exit code").isEqualTo(spec.exit());
    for (String text : spec.stdoutContains()) {
      assertThat(out.toString()).as(what + "stdout").contains(text.replace(DIR, dir.toString()));
    }
    if (spec.exit() == ExitCodes.INVALID) {
      assertThat(out.toString()).as(what + "stdout of a refused run").isEmpty();
    }
  }

  /** The runner's wiring with plugins only from {@code --plugins}: no environment, no {@code ./plugins}. */
  private static Module hermetic(Path workingDirectory) {
    return Modules.override(new RunnerModule()).with(binder -> binder.bind(PluginOptions.class)
        .toInstance(new PluginOptions().withEnvironment(Map.of(), workingDirectory)));
  }

  private static void setUp(Path dir, Map<String, Object> step) throws IOException {
    if (step.containsKey("write")) {
      Path file = file(dir, step, "write");
      Charset charset = Charset.forName((String) step.getOrDefault("charset", "UTF-8"));
      Files.write(file, ((String) step.get("text")).getBytes(charset));
    } else if (step.containsKey("empty")) {
      Files.write(file(dir, step, "empty"), new byte[0]);
    } else if (step.containsKey("directory")) {
      Files.createDirectories(dir.resolve((String) step.get("directory")));
    } else if (step.containsKey("unreadable")) {
      Path file = dir.resolve((String) step.get("unreadable"));
      Files.setPosixFilePermissions(file, Set.of());
      Assumptions.assumeFalse(Files.isReadable(file),
          "a file without permissions is still readable here (running as root?)");
    } else if (step.containsKey("npy")) {
      Files.write(file(dir, step, "npy"), npy(step));
    } else {
      throw new IllegalArgumentException("unknown setup step " + step);
    }
  }

  private static Path file(Path dir, Map<String, Object> step, String key) throws IOException {
    Path file = dir.resolve((String) step.get(key));
    Files.createDirectories(file.getParent());
    return file;
  }

  /**
   * A .npy file as {@code numpy.lib.format} describes it: {@code \x93NUMPY}, the version's two bytes, the header's
   * length (2 bytes little-endian in 1.0, 4 in 2.0 and later), the header padded with spaces and ended by a newline
   * so that the data starts at a multiple of 64, then {@code payload_bytes} zero bytes of data.
   */
  private static byte[] npy(Map<String, Object> step) {
    String[] version = String.valueOf(step.getOrDefault("version", "1.0")).split("\\.");
    int major = Integer.parseInt(version[0]);
    int prefix = 8 + (major == 1 ? 2 : 4);
    StringBuilder header = new StringBuilder((String) step.get("header"));
    while ((prefix + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    byte[] text = header.append('\n').toString().getBytes(ISO_8859_1);
    int claimed = step.containsKey("header_length") ? ((Number) step.get("header_length")).intValue() : text.length;
    int payload = ((Number) step.getOrDefault("payload_bytes", 0)).intValue();
    ByteBuffer file = ByteBuffer.allocate(prefix + text.length + payload).order(ByteOrder.LITTLE_ENDIAN);
    file.put((byte) 0x93).put("NUMPY".getBytes(ISO_8859_1));
    file.put((byte) major).put((byte) Integer.parseInt(version[1]));
    if (major == 1) {
      file.putShort((short) claimed);
    } else {
      file.putInt(claimed);
    }
    return file.put(text).array();
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  /** A {@code case.yaml}, checked for unknown keys so that a misspelt field cannot silently check nothing. */
  private record Case(String description, List<String> args, List<Map<String, Object>> setup, int exit,
      List<String> stderr, List<String> stdoutContains, @Nullable String disabled) {

    @SuppressWarnings("unchecked")
    static Case read(Path file) throws IOException {
      Load load = new Load(LoadSettings.builder().setLabel(file.toString()).build());
      String text = Files.readString(file, StandardCharsets.UTF_8);
      Map<String, Object> fields = (Map<String, Object>) load.loadFromString(text);
      assertThat(fields.keySet()).as("keys of %s", file).isSubsetOf(CASE_KEYS)
          .contains("description", "args", "exit", "stderr");
      return new Case((String) fields.get("description"),
          ((List<Object>) fields.get("args")).stream().map(String::valueOf).toList(),
          (List<Map<String, Object>>) fields.getOrDefault("setup", List.of()),
          ((Number) fields.get("exit")).intValue(),
          (List<String>) fields.get("stderr"),
          (List<String>) fields.getOrDefault("stdout_contains", List.of()),
          (String) fields.get("disabled"));
    }
  }
}
