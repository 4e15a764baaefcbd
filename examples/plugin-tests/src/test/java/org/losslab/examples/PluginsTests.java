package org.losslab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.runner.Main;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example plugins dropped into a plugins folder, as a user would: found, listed with their jars, evaluated; and
 * broken plugins beside them, each giving one warning while the good ones keep working.
 */
class PluginsTests {
  private static final Path JARS = Path.of(System.getProperty("plugin.jars"));
  private static final Path EXAMPLES = Path.of(System.getProperty("examples.folder")).toAbsolutePath().normalize();
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final String GOOD = "@Override public String apiVersion() { return API_VERSION; }";

  @TempDir
  Path plugins;
  Path quantile;
  Path pseudoHuber;

  record Cli(int exitCode, String out, String err) {
    static Cli run(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
      return new Cli(code, out.toString(), err.toString());
    }

    List<String> errLines() {
      return err.lines().toList();
    }
  }

  @BeforeEach
  void dropInTheExamplePlugins() throws IOException {
    quantile = Files.copy(JARS.resolve("losslab-example-quantile-" + VERSION + ".jar"), plugins.resolve("quantile.jar"));
    pseudoHuber = Files.copy(JARS.resolve("losslab-example-pseudo-huber-" + VERSION + ".jar"),
        plugins.resolve("pseudo-huber.jar"));
  }

  private String pluginsExperiment() {
    return EXAMPLES.resolve("plugins.yaml").toString();
  }

  @Test
  void thePluginsExperimentPassesWithThePluginsLoaded() {
    Cli cli = Cli.run("run", pluginsExperiment(), "--plugins", plugins.toString(), "--format", "json");

    assertThat(cli.err()).isEmpty();
    assertThat(cli.exitCode()).isZero();
    JsonNode report = JsonMapper.builder().build().readTree(cli.out());
    List<String> losses = new ArrayList<>();
    report.get("results").forEach(result -> {
      losses.add(result.get("loss").asString());
      assertThat(result.get("status").asString()).as(result.get("name").asString()).isEqualTo("pass");
    });
    assertThat(losses).contains("quantile", "pseudo_huber");
    JsonNode loaded = report.get("provenance").get("plugins");
    assertThat(loaded).hasSize(2);
    assertThat(loaded.get(0).get("path").asString()).isEqualTo(pseudoHuber.toString());
    assertThat(loaded.get(1).get("path").asString()).isEqualTo(quantile.toString());
    assertThat(loaded.get(1).get("version").asString()).isEqualTo(VERSION);
  }

  @Test
  void withoutThePluginsTheExperimentNamesTheMissingLosses() {
    Cli cli = Cli.run("validate", pluginsExperiment(), "--plugins", emptyFolder());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("unknown loss \"quantile\"").contains("unknown loss \"pseudo_huber\"");
  }

  @Test
  void listShowsThePluginLossesWithTheirJarsAndVersions() {
    Cli cli = Cli.run("list", "--plugins", plugins.toString());
    assertThat(cli.exitCode()).isZero();
    assertThat(line(cli.out(), "quantile")).contains(quantile + " (" + VERSION + ")");
    assertThat(line(cli.out(), "pseudo_huber")).contains(pseudoHuber + " (" + VERSION + ")");
    assertThat(line(cli.out(), "huber ")).contains("built-in");
  }

  @Test
  void pluginsComeFromTheEnvironmentVariableAsWell() {
    // LOSSLAB_PLUGINS cannot be set in-process: the child process gets it.
    ProcessResult result = runJar(Map.of("LOSSLAB_PLUGINS", plugins.toString()), "-jar", runnerJar(), "list");
    assertThat(result.exitCode()).isZero();
    assertThat(line(result.out(), "quantile")).contains(quantile.toString());
  }

  @Test
  void aPlainClassPathWorksToo() {
    ProcessResult result = runJar(Map.of(), "-cp", runnerJar() + java.io.File.pathSeparator + quantile,
        "org.losslab.runner.Main", "describe", "quantile");
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("quantile").contains("from:        " + quantile);
  }

  @Test
  void brokenPluginsEachGiveOneWarningAndEverythingElseStillWorks() throws IOException {
    PluginJars.corrupt(plugins.resolve("corrupt.jar"));
    PluginJars.jar(plugins.resolve("missing-class.jar"), Map.of(), List.of("com.broken.Missing"), "1.0");
    PluginJars.jar(plugins.resolve("throwing.jar"), PluginJars.provider("com.broken", "Throwing", "throwing",
        "0.0", "public Throwing() { throw new IllegalStateException(\"no licence\"); }"),
        List.of("com.broken.Throwing"), "1.0");
    PluginJars.jar(plugins.resolve("future.jar"), PluginJars.provider("com.future", "Future", "future_loss",
        "0.0", "@Override public String apiVersion() { return \"2.0\"; }"), List.of("com.future.Future"), "9.0");

    Cli cli = Cli.run("run", pluginsExperiment(), "--plugins", plugins.toString());

    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("0 failed, 0 errors");
    assertThat(cli.errLines()).containsExactlyInAnyOrder(
        "warning: " + plugins.resolve("corrupt.jar") + ": not a readable jar (zip END header not found)",
        "warning: " + plugins.resolve("future.jar") + " (9.0): com.future.Future: future_loss: built for losslab API "
            + "2.0, but this losslab has API 1.0 (a different major version is incompatible)",
        "warning: " + plugins.resolve("missing-class.jar") + " (1.0): com.broken.Missing: class not found (the "
            + "service file names a class that is not on the class path)",
        "warning: " + plugins.resolve("throwing.jar") + " (1.0): com.broken.Throwing: could not be instantiated: "
            + "IllegalStateException: no licence");
  }

  @Test
  void anExperimentUsingALossThatFailedToLoadFailsWithTheReason() throws IOException {
    PluginJars.jar(plugins.resolve("future.jar"), PluginJars.provider("com.future", "Future", "future_loss",
        "0.0", "@Override public String apiVersion() { return \"1.7\"; }"), List.of("com.future.Future"), "9.0");
    Path experiment = Files.writeString(plugins.getParent().resolve("future-" + plugins.getFileName() + ".yaml"), """
        experiment: future
        datasets:
          d: {predictions: [1, 2], labels: [1, 3]}
        losses:
          - loss: future_loss
        """);

    Cli cli = Cli.run("run", experiment.toString(), "--plugins", plugins.toString());

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.errLines()).last().isEqualTo(experiment + ":5:11: losses[0].loss: loss \"future_loss\" is "
        + "unavailable: " + plugins.resolve("future.jar") + " (9.0): future_loss: built for losslab API 1.7, newer "
        + "than this losslab's API 1.0; upgrade losslab");
  }

  @Test
  void twoPluginsWithTheSameIdAreBothRefusedAndNamed() throws IOException {
    Path copy = Files.copy(quantile, Files.createDirectories(plugins.resolve("zz-copy")).resolve("quantile.jar"));

    Cli cli = Cli.run("run", pluginsExperiment(), "--plugins", plugins.toString());

    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.errLines()).first().asString().startsWith("warning: " + plugins.resolve("zz-copy") + " ("
        + VERSION + "): ").contains("duplicate loss id \"quantile\"").contains(quantile.toString())
        .contains(plugins.resolve("zz-copy").toString());
    assertThat(cli.err()).contains("loss \"quantile\" is unavailable");
    assertThat(copy).exists();
  }

  @Test
  void pluginsWithConflictingDependenciesLiveSideBySide() throws IOException {
    // Two plugins, each a folder with its own version of the same library class, com.shared.Scale.
    for (String name : List.of("a", "b")) {
      Path folder = Files.createDirectories(plugins.resolve("scaled-" + name));
      String factor = name.equals("a") ? "2.0" : "3.0";
      Path library = PluginJars.jar(folder.resolve("shared-lib.jar"), Map.of("com.shared.Scale",
          "package com.shared; public final class Scale { public static double factor() { return " + factor + "; } }"),
          List.of(), factor);
      PluginJars.jar(folder.resolve("plugin.jar"), PluginJars.provider("com.scaled" + name, "Scaled", "scaled_" + name,
          "com.shared.Scale.factor() * Math.abs(p - y)", GOOD), List.of("com.scaled" + name + ".Scaled"), "1.0",
          library);
    }
    Path experiment = Files.writeString(plugins.getParent().resolve("scaled-" + plugins.getFileName() + ".yaml"), """
        experiment: scaled
        datasets:
          d: {predictions: [1, 2, 3], labels: [1, 3, 6]}
        losses:
          - {loss: l1, expect: {d: 1.3333333333333333}}
          - {loss: scaled_a, expect: {d: 2.6666666666666665}}
          - {loss: scaled_b, expect: {d: 4.0}}
        """);

    Cli cli = Cli.run("run", experiment.toString(), "--plugins", plugins.toString());

    assertThat(cli.err()).isEmpty();
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("3 passed");
  }

  @Test
  void aPluginThatThrowsDuringEvaluationFailsOnlyItsOwnRows() throws IOException {
    PluginJars.jar(plugins.resolve("flaky.jar"), PluginJars.provider("com.flaky", "Flaky", "flaky",
        "p > 2 ? (double) Integer.parseInt(\"x\" + p) : 0.0", GOOD), List.of("com.flaky.Flaky"), "1.0");
    Path experiment = Files.writeString(plugins.getParent().resolve("flaky-" + plugins.getFileName() + ".yaml"), """
        experiment: flaky
        datasets:
          d: {predictions: [1, 2, 3], labels: [1, 3, 6]}
        losses:
          - {loss: flaky}
          - {loss: quantile, params: {tau: 0.5}, expect: {d: 0.6666666666666666}}
        """);

    Cli cli = Cli.run("run", experiment.toString(), "--plugins", plugins.toString(), "--format", "json");

    assertThat(cli.exitCode()).isEqualTo(3);
    JsonNode results = JsonMapper.builder().build().readTree(cli.out()).get("results");
    assertThat(results.get(0).get("status").asString()).isEqualTo("error");
    assertThat(results.get(0).get("message").asString()).isEqualTo("For input string: \"x3.0\"");
    assertThat(results.get(1).get("status").asString()).isEqualTo("pass");
  }

  @Test
  void checkRunsTheContractOnThePluginsAndFailsAWrongDerivative() throws IOException {
    Cli good = Cli.run("check", "--plugins", plugins.toString());
    assertThat(good.exitCode()).isZero();
    assertThat(good.out()).contains("quantile").contains("pseudo_huber").contains(" 0 failed")
        .doesNotContain("built-in");

    String wrong = """
        package com.wrong;

        import org.losslab.api.*;

        public final class Wrong implements LossProvider {
          @Override public String apiVersion() { return API_VERSION; }
          @Override public String id() { return "wrong"; }
          @Override public String description() { return "squared error with a derivative off by two"; }
          @Override public Task task() { return Task.REGRESSION; }
          @Override public Domains domains() { return Domains.REGRESSION; }
          @Override public LossFunction create(Parameters parameters) {
            return LossFunction.elementwise(id(), parameters, domains(),
                ElementLoss.of((p, y) -> (p - y) * (p - y), (p, y) -> 4 * (p - y), (p, y) -> 2));
          }
        }
        """;
    PluginJars.jar(plugins.resolve("wrong.jar"), Map.of("com.wrong.Wrong", wrong), List.of("com.wrong.Wrong"), "1.0");
    Cli bad = Cli.run("check", "--plugins", plugins.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.out().lines().filter(l -> l.startsWith("wrong ") && l.contains("FAIL")))
        .singleElement().asString().contains("derivatives match finite differences").contains("analytic");
    assertThat(bad.out().lines().filter(l -> l.startsWith("quantile ") && l.contains("FAIL"))).isEmpty();
  }

  @Test
  void aMissingPluginsFolderIsAnInvocationError() {
    Cli cli = Cli.run("list", "--plugins", plugins.resolve("nope").toString());
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo("losslab: plugins folder " + plugins.resolve("nope") + " does not exist");
  }

  private String emptyFolder() {
    try {
      return Files.createTempDirectory(plugins.getParent(), "empty-").toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String line(String text, String start) {
    return text.lines().filter(l -> l.startsWith(start)).findFirst().orElse(null);
  }

  record ProcessResult(int exitCode, String out, String err) {}

  private static String runnerJar() {
    return EXAMPLES.resolve("../runner/target/losslab.jar").normalize().toString();
  }

  private static ProcessResult runJar(Map<String, String> environment, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(arguments));
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().remove("LOSSLAB_PLUGINS");
      builder.environment().putAll(environment);
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes());
      String err = new String(process.getErrorStream().readAllBytes());
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      return new ProcessResult(process.exitValue(), out, err);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
