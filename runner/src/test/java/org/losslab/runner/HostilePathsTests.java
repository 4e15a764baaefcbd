package org.losslab.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths that could hang a reader or exhaust memory are refused before they are read, quickly. */
class HostilePathsTests {
  @TempDir
  Path folder;

  private Path fifo(String name) throws IOException, InterruptedException {
    Path fifo = folder.resolve(name);
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
    return fifo;
  }

  private Path experimentReading(String csv) throws IOException {
    return Files.writeString(folder.resolve("e.yaml"), """
        experiment: hostile
        datasets:
          d: {csv: %s, predictions: p, labels: y}
        losses:
          - loss: l1
        """.formatted(csv));
  }

  @Test
  void aFifoAsADataFileIsRefusedWithoutHanging() throws Exception {
    Path fifo = fifo("data.csv");
    Path experiment = experimentReading("data.csv");
    Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("run", experiment.toString()));
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo(experiment + ":3:12: datasets.d.csv: " + fifo
        + " is not a regular file (a device or a pipe?)");
  }

  @Test
  void aDeviceAsADataFileIsRefused() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    Path experiment = experimentReading("/dev/zero");
    Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("run", experiment.toString()));
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).endsWith("datasets.d.csv: /dev/zero is not a regular file (a device or a pipe?)");
  }

  @Test
  void aFifoAsTheExperimentIsRefusedWithoutHanging() throws Exception {
    Path fifo = fifo("experiment.yaml");
    Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run("validate", fifo.toString()));
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo(fifo + ": is not a regular file (a device or a pipe?)");
  }

  @Test
  void aHundredMegabyteExperimentIsRefusedBeforeItIsRead() throws Exception {
    Path huge = folder.resolve("huge.yaml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(100L * 1024 * 1024); // sparse: no disk, and the reader must not read it anyway
    }
    Cli cli = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Cli.run("validate", huge.toString()));
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err().strip()).isEqualTo(huge + ": is larger than 8 MB of text; put large data in a CSV or .npy file");
  }
}
