package org.losslab.runner.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.LossException;
import org.losslab.runner.evaluate.Report;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class ReportFileTests {

  @TempDir
  Path directory;

  @Mock
  ReportWriter failingWriter;

  private final Report report = SampleReports.mixed();

  @Test
  void writesTheReport() throws IOException {
    Path target = directory.resolve("report.json");

    ReportFile.write(target, new JsonReportWriter(), report);

    assertThat(Files.readString(target, UTF_8)).isEqualTo(new JsonReportWriter().render(report));
    assertThat(files()).containsExactly(target);
  }

  @Test
  void replacesAnExistingReport() throws IOException {
    Path target = Files.writeString(directory.resolve("report.csv"), "an older, longer report\n".repeat(100));

    ReportFile.write(target, new CsvReportWriter(), report);

    assertThat(Files.readString(target, UTF_8)).isEqualTo(new CsvReportWriter().render(report));
    assertThat(files()).containsExactly(target);
  }

  @Test
  void keepsThePreviousReportWhenTheWriterFailsHalfWay() throws IOException {
    Path target = Files.writeString(directory.resolve("report.json"), "previous report\n");
    doAnswer(invocation -> {
      Appendable out = invocation.getArgument(1);
      out.append("{\n  \"experiment\": \"half");
      throw new UncheckedIOException(new IOException("No space left on device"));
    }).when(failingWriter).write(same(report), any());

    LossException thrown = assertThrows(LossException.class, () -> ReportFile.write(target, failingWriter, report));

    assertThat(thrown).hasMessage("cannot write report to " + target + ": No space left on device");
    assertThat(thrown.getCause()).isInstanceOf(UncheckedIOException.class);
    verify(failingWriter).write(same(report), any());
    assertThat(Files.readString(target, UTF_8)).isEqualTo("previous report\n");
    assertThat(files()).as("no temporary file left behind").containsExactly(target);
  }

  @Test
  void letsAWriterBugThroughUnchangedAndStillCleansUp() throws IOException {
    Path target = directory.resolve("report.txt");
    IllegalStateException bug = new IllegalStateException("writer bug");
    doAnswer(invocation -> {
      invocation.<Appendable>getArgument(1).append("partial table");
      throw bug;
    }).when(failingWriter).write(same(report), any());

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, () -> ReportFile.write(target, failingWriter, report));

    assertThat(thrown).isSameAs(bug);
    assertThat(files()).as("neither the target nor a temporary file").isEmpty();
  }

  @Test
  void refusesAMissingDirectoryWithoutCreatingIt() {
    Path target = directory.resolve("out").resolve("report.json");

    LossException thrown =
        assertThrows(LossException.class, () -> ReportFile.write(target, new JsonReportWriter(), report));

    assertThat(thrown).hasMessage("cannot write report to " + target + ": directory " + directory.resolve("out")
        + " does not exist");
    assertThat(thrown.getMessage()).doesNotContain("\n");
    assertThat(directory.resolve("out")).doesNotExist();
  }

  @Test
  void refusesAFileAsDirectory() throws IOException {
    Path file = Files.writeString(directory.resolve("out"), "a file");
    Path target = file.resolve("report.json");

    LossException thrown =
        assertThrows(LossException.class, () -> ReportFile.write(target, new JsonReportWriter(), report));

    assertThat(thrown).hasMessage("cannot write report to " + target + ": " + file + " is not a directory");
  }

  @Test
  void refusesToReplaceADirectory() throws IOException {
    Path target = Files.createDirectory(directory.resolve("report.json"));

    LossException thrown =
        assertThrows(LossException.class, () -> ReportFile.write(target, new JsonReportWriter(), report));

    assertThat(thrown).hasMessage("cannot write report to " + target + ": it is a directory");
    assertThat(target).isEmptyDirectory();
  }

  @Test
  void givesTheReportTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path usual = Files.createFile(directory.resolve("usual.txt"));
    Path target = directory.resolve("report.md");

    ReportFile.write(target, new MarkdownReportWriter(), report);

    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(usual));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
