package org.losslab.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing lost: a losslab process killed with SIGKILL in the middle of a run leaves the previous report intact. */
class KillTests {
  private static final Path EXAMPLES = Path.of(System.getProperty("examples.folder")).toAbsolutePath().normalize();

  @Test
  void killingARunMidwayLeavesThePreviousReportIntact(@TempDir Path folder) throws Exception {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    // A loss that takes 20 ms per element: 500 rows keep the process busy for ten seconds.
    PluginJars.jar(plugins.resolve("slow.jar"), PluginJars.provider("com.slow", "Slow", "slow", "slow(p, y)", """
        @Override public String apiVersion() { return API_VERSION; }
        static double slow(double p, double y) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Math.abs(p - y);
        }
        """), List.of("com.slow.Slow"), "1.0");
    StringBuilder rows = new StringBuilder("p,y\n");
    for (int i = 0; i < 500; i++) {
      rows.append(i).append(',').append(i + 1).append('\n');
    }
    Files.writeString(folder.resolve("rows.csv"), rows);
    Path experiment = Files.writeString(folder.resolve("slow.yaml"), """
        experiment: slow
        datasets:
          rows: {csv: rows.csv, predictions: p, labels: y}
        losses:
          - loss: slow
        """);
    Path report = Files.writeString(folder.resolve("report.json"), "{\"the\": \"previous report\"}\n");

    Process process = new ProcessBuilder(java(), "-jar", runnerJar(), "run", experiment.toString(), "--plugins",
        plugins.toString(), "--format", "json", "--output", report.toString())
        .redirectErrorStream(true).redirectOutput(folder.resolve("output.txt").toFile()).start();
    assertThat(process.waitFor(3, TimeUnit.SECONDS)).as("the run is still going after 3 s").isFalse();
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isEqualTo(128 + 9);
    assertThat(Files.readString(report)).isEqualTo("{\"the\": \"previous report\"}\n");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("plugins", "rows.csv", "slow.yaml", "report.json", "output.txt");
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String runnerJar() {
    return EXAMPLES.resolve("../runner/target/losslab.jar").normalize().toString();
  }

}
