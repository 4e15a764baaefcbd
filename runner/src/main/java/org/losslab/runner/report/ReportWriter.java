package org.losslab.runner.report;

import java.io.UncheckedIOException;
import org.losslab.runner.evaluate.Report;

/**
 * Turns a {@link Report} into text in one format: {@code table}, {@code markdown}, {@code csv} or {@code json}.
 * Writers are bound with a Guice {@code Multibinder} and chosen by {@link #format()}.
 *
 * <p>Writers take an {@link Appendable} rather than a {@link java.io.Writer} so that a {@link StringBuilder}, a
 * {@link java.io.PrintStream} or a file's writer all serve, and they report a failing destination as an
 * {@link UncheckedIOException}: no checked exception leaks out of the runner's API. Writers are stateless and
 * thread-safe.
 */
public interface ReportWriter {

  /** The id users choose with {@code --format}: lower case, stable, as {@code table} or {@code json}. */
  String format();

  /**
   * Appends the whole report to {@code out}, ending with a line break.
   *
   * @throws UncheckedIOException when {@code out} throws an {@link java.io.IOException}; what was appended before
   *     the failure stays appended
   */
  void write(Report report, Appendable out);

  /** The report as a string, exactly what {@link #write} appends. */
  default String render(Report report) {
    StringBuilder text = new StringBuilder();
    write(report, text);
    return text.toString();
  }
}
