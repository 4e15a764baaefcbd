package org.losslab.runner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.evaluate.Report;

/**
 * How the formats meant for people ({@code table}, {@code markdown}) spell numbers and counts, and how any writer
 * hands its text to an {@link Appendable}. The machine formats (csv, json) keep every digit instead.
 */
final class Text {

  /** Enough to see how far off a value is; the value and the expectation themselves are shown in full. */
  private static final MathContext DIFFERENCE_DIGITS = new MathContext(4);

  // NumPy's repr switches to scientific notation outside [1e-4, 1e16); so do we, so that numbers look alike.
  private static final BigDecimal SMALLEST_PLAIN = new BigDecimal("1e-4");
  private static final BigDecimal LARGEST_PLAIN = new BigDecimal("1e16");

  private static final Pattern LINE_BREAK = Pattern.compile("\\R");

  private Text() {}

  /**
   * A value for people: the fewest digits that identify it, as NumPy prints. A value that is exactly a float32
   * (the losses compute in float32, as the tutorial does) gets the fewest digits that identify it among floats, so
   * the tutorial's {@code 1.3333334} reads {@code 1.3333334} and not {@code 1.3333333730697632}; any other value
   * gets the fewest that identify it among doubles. Plain notation from 1e-4 to 1e16 ({@code 0.0005067004},
   * {@code 2.0}), scientific outside ({@code 1.0e-06}); {@code NaN}, {@code Infinity} and {@code -Infinity} as
   * Java spells them.
   */
  static String number(double value) {
    if (!Double.isFinite(value) || value == 0) {
      return Double.toString(value);
    }
    float single = (float) value;
    return notation(new BigDecimal(single == value ? Float.toString(single) : Double.toString(value)));
  }

  /**
   * A difference for people: four significant digits and an explicit sign, as {@code -2.693e-08} or
   * {@code +0.5}; {@code +0.0} when there is none.
   */
  static String signed(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Infinity" : "-Infinity";
    }
    if (value == 0) {
      return "+0.0";
    }
    String text = notation(new BigDecimal(value).round(DIFFERENCE_DIGITS));
    return value < 0 ? text : "+" + text;
  }

  /** A ratio to the baseline with three decimals ({@code 2.000}), or {@code n/a} when the baseline is 0. */
  static String ratio(@Nullable Double ratio) {
    return ratio == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio);
  }

  /** {@code text} with every line break replaced by {@code replacement}, so that it fits in one cell. */
  static String oneLine(String text, String replacement) {
    return LINE_BREAK.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
  }

  /** Appends {@code text}, reporting a failing destination unchecked as {@link ReportWriter#write} promises. */
  static void append(Appendable out, CharSequence text) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report: " + e.getMessage(), e);
    }
  }

  /** Plain or scientific ({@code 1.2345e-07}, NumPy's spelling) notation of a non-zero value's digits. */
  private static String notation(BigDecimal value) {
    BigDecimal digits = value.stripTrailingZeros();
    BigDecimal magnitude = digits.abs();
    if (magnitude.compareTo(SMALLEST_PLAIN) >= 0 && magnitude.compareTo(LARGEST_PLAIN) < 0) {
      String plain = digits.toPlainString();
      return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
    String unscaled = digits.unscaledValue().abs().toString();
    int exponent = unscaled.length() - 1 - digits.scale();
    String fraction = unscaled.length() > 1 ? unscaled.substring(1) : "0";
    return (digits.signum() < 0 ? "-" : "") + unscaled.charAt(0) + "." + fraction
        + String.format(Locale.ROOT, "e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
  }
}
