package org.losslab.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTests {

  /** The tutorial's printed float32 results (NumPy's repr), next to the float each one stands for. */
  @ParameterizedTest
  @CsvSource({
      "1.3333334, 1.3333334",       // L1
      "2.0, 2.0",                   // Huber
      "3.6343312, 3.6343312",       // Log-Cosh
      "0.10134452, 0.10134452",     // weighted cross entropy
      "0.03800292, 0.03800292",     // balanced cross entropy
      "0.0005067004, 0.0005067004", // focal
      "0.4, 0.4",                   // hinge
  })
  void float32ValuesReadAsTheTutorialPrintsThem(float value, String printed) {
    assertThat(Text.number(value)).isEqualTo(printed);
  }

  @ParameterizedTest
  @CsvSource({
      "0.3333333333333333, 0.3333333333333333", // not a float32: every digit a double needs
      "1e-6, 1.0e-06",
      "-2.5, -2.5",
      "1.5e20, 1.5e+20",
      "1e16, 1.0e+16",
      "9999999999999998, 9999999999999998.0",
      "0.0001, 0.0001",
      "0.00001192092896, 1.192092896e-05",
      "0.0, 0.0",
      "-0.0, -0.0",
      "NaN, NaN",
      "Infinity, Infinity",
      "-Infinity, -Infinity",
  })
  void otherValuesUsePlainNotationFrom1eMinus4To1e16(double value, String printed) {
    assertThat(Text.number(value)).isEqualTo(printed);
  }

  @ParameterizedTest
  @CsvSource({
      // The float32 nearest 4/3 is 11184811 / 2^23 = 1.33333337306976318359375; 1.3333334 minus it is 2.693e-08.
      "-2.6930236707300992E-8, -2.693e-08",
      "0.5, +0.5",
      "0.6666667, +0.6667",
      "-12345.678, -12350.0",
      "0.0, +0.0",
      "NaN, NaN",
      "Infinity, +Infinity",
      "-Infinity, -Infinity",
  })
  void differencesShowFourSignificantDigitsAndTheirSign(double difference, String printed) {
    assertThat(Text.signed(difference)).isEqualTo(printed);
  }

  @Test
  void ratiosShowThreeDecimalsOrNotApplicable() {
    assertThat(Text.ratio(2.0)).isEqualTo("2.000");
    assertThat(Text.ratio(1.0 / 3)).isEqualTo("0.333");
    assertThat(Text.ratio(Double.NaN)).isEqualTo("NaN");
    assertThat(Text.ratio(null)).isEqualTo("n/a");
  }

  @Test
  void summaryCountsEveryStatusInOrder() {
    assertThat(SampleReports.mixed().summaryLine()).isEqualTo("1 passed, 1 failed, 1 errors, 1 skipped, 3 computed");
  }

  @Test
  void oneLineReplacesEveryKindOfLineBreak() {
    assertThat(Text.oneLine("a\nb\r\nc\rd", "<br>")).isEqualTo("a<br>b<br>c<br>d");
    assertThat(Text.oneLine("a\nb", "$1\\")).isEqualTo("a$1\\b");
  }
}
