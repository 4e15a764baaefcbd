package org.losslab.runner.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.losslab.api.LossException;
import org.losslab.runner.evaluate.Report;

/**
 * Writes a report to a file atomically: a reader of the file sees the previous report or the whole new one, never
 * half of one, and a failed write leaves the previous report in place.
 *
 * <p>The report goes to a hidden temporary file in the target's directory ({@code .report.json.<random>.tmp}, so
 * that the final rename stays within one file system), is flushed and forced to the disk, then renamed over the
 * target with {@code ATOMIC_MOVE} (a plain replacing move where the file system cannot rename atomically). On any
 * failure the temporary file is deleted and the target is left untouched. The file is UTF-8.
 *
 * <p>A missing parent directory is an error, not created on the fly: a mistyped {@code --output} path should be
 * reported, not turned into a new directory tree.
 */
public final class ReportFile {

  private ReportFile() {}

  /**
   * Writes {@code report} to {@code target} in {@code writer}'s format, replacing the file if it exists.
   *
   * @throws LossException with a one-line message, as {@code cannot write report to out/report.json: directory
   *     out does not exist}, when the directory is missing, the target is a directory, or the file system fails
   *     (including an {@link UncheckedIOException} from {@code writer}); any other exception from {@code writer}
   *     propagates unchanged. In every case the target keeps its previous content and no temporary file remains.
   */
  public static void write(Path target, ReportWriter writer, Report report) {
    if (Files.isDirectory(target)) {
      throw failure(target, "it is a directory", null);
    }
    // Only a root has no parent, and a root is a directory: refused above.
    Path directory = Objects.requireNonNull(target.toAbsolutePath().getParent());
    if (!Files.isDirectory(directory)) {
      Path shown = target.getParent() != null ? target.getParent() : directory;
      throw failure(target,
          Files.exists(directory) ? shown + " is not a directory" : "directory " + shown + " does not exist", null);
    }
    Path temporary = directory.resolve(
        "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    FileChannel channel;
    try {
      // Not Files.createTempFile: its owner-only permissions would become the report's after the rename.
      channel = FileChannel.open(temporary, CREATE_NEW, WRITE);
    } catch (IOException e) {
      throw failure(target, reason(e), e);
    }
    try {
      try (channel; Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), UTF_8))) {
        writer.write(report, out);
        out.flush();
        channel.force(true);
      }
      move(temporary, target);
    } catch (IOException e) {
      discard(temporary, e);
      throw failure(target, reason(e), e);
    } catch (UncheckedIOException e) {
      discard(temporary, e);
      throw failure(target, reason(e.getCause()), e);
    } catch (RuntimeException | Error e) {
      discard(temporary, e);
      throw e;
    }
    syncDirectory(directory);
  }

  private static void move(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, ATOMIC_MOVE, REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, REPLACE_EXISTING);
    }
  }

  private static void discard(Path temporary, Throwable failure) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Makes the rename itself durable, where the platform allows it. */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the report is in place, only the rename's durability
      // across a power cut is less certain there.
    }
  }

  private static LossException failure(Path target, String reason, @Nullable Throwable cause) {
    return new LossException("cannot write report to " + target + ": " + reason, cause);
  }

  /** The file system's own words (the OS error, as "Read-only file system") rather than a bare file name. */
  private static String reason(IOException e) {
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return Text.oneLine(fileSystem.getReason(), " ");
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : Text.oneLine(message, " ");
  }
}
