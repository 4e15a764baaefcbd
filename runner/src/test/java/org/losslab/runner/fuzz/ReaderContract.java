package org.losslab.runner.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Problem;

/**
 * What every reader of untrusted input promises, and every fuzz test here checks: it returns a result or throws an
 * {@link ExperimentException} whose problems a user can read, one line each. Anything else it throws (another
 * exception, a {@code StackOverflowError}, an {@code OutOfMemoryError}) is not caught, so that it fails the test and
 * Jazzer records the input that caused it. Nor may it take longer than {@link #TIME_BOUND} on one input.
 */
final class ReaderContract {
  /** Far longer than any input of the corpora or of a fuzzing run takes (milliseconds): longer is a hang. */
  static final Duration TIME_BOUND = Duration.ofSeconds(10);

  /** What {@link Problem#toString()} escapes, and so must never print. */
  private static final Pattern NEWLINE = Pattern.compile("[\\n\\r]");
  /**
   * Every line break of a Java regex ({@code \R}): besides {@code \n} and {@code \r} the vertical tab, the form
   * feed, NEL and the Unicode line and paragraph separators, on which terminals, editors and log viewers break too.
   */
  private static final Pattern LINE_BREAK = Pattern.compile("\\R");
  /** Whether line breaks other than {@code \n} may appear in a problem (no: {@link Problem#toString()} escapes them). */
  private static final boolean OTHER_LINE_BREAKS_TOLERATED = false;

  /** Where the reading happens, so that a hang can be abandoned; replaced after one. */
  private static ExecutorService worker = newWorker();
  /** The worker's thread, once it has one. */
  private static @Nullable Thread workerThread;

  private ReaderContract() {}

  /**
   * What {@code reading} returns or throws, when it takes at most {@link #TIME_BOUND}.
   *
   * <p>Not JUnit's {@code @Timeout}: in fuzzing mode that bounds the whole fuzzing run, not each input.
   *
   * @throws AssertionError when it takes longer
   */
  static synchronized <T> T withinTimeBound(Callable<T> reading) {
    Future<T> result = worker.submit(reading);
    try {
      return result.get(TIME_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // The reader's own exception, with its own stack trace (which Jazzer deduplicates findings by).
      if (e.getCause() instanceof RuntimeException thrown) {
        throw thrown;
      }
      if (e.getCause() instanceof Error thrown) {
        throw thrown;
      }
      throw new AssertionError("a checked exception from a reader", e.getCause());
    } catch (TimeoutException e) {
      AssertionError hang = new AssertionError("the reader took longer than " + TIME_BOUND + " on one input");
      // Where the reader is stuck, rather than where this waited for it.
      Thread stuck = workerThread;
      if (stuck != null) {
        hang.setStackTrace(stuck.getStackTrace());
      }
      worker.shutdownNow();
      worker = newWorker();
      throw hang;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "fuzz-reader");
      thread.setDaemon(true);
      workerThread = thread;
      return thread;
    });
  }

  /** Checks that {@code e} names at least one problem and that each problem prints as one line. */
  static void check(ExperimentException e) {
    assertThat(e.problems()).as("the problems of %s", e).isNotEmpty();
    for (Problem problem : e.problems()) {
      String line = problem.toString();
      Pattern breaks = OTHER_LINE_BREAKS_TOLERATED ? NEWLINE : LINE_BREAK;
      if (breaks.matcher(line).find()) {
        throw new AssertionError("a problem that is not one line: \"" + escape(line) + "\"", e);
      }
    }
  }

  /** {@code text} with its control and separator characters as {@code \}{@code uXXXX} escapes. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
          || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        escaped.append(String.format("\\u%04x", c));
      } else {
        escaped.appendCodePoint(c);
      }
    });
    return escaped.toString();
  }
}
