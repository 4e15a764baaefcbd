package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RangeTests {

  @Test
  void printsEachKindAsAUserReadsIt() {
    assertThat(Range.greaterThan(0)).hasToString("> 0");
    assertThat(Range.atLeast(0)).hasToString(">= 0");
    assertThat(Range.closed(0, 1)).hasToString("[0, 1]");
    assertThat(Range.open(0, 1)).hasToString("(0, 1)");
    assertThat(Range.all()).hasToString("any number");
    assertThat(new Range(Double.NEGATIVE_INFINITY, false, 1, true)).hasToString("<= 1");
    assertThat(new Range(Double.NEGATIVE_INFINITY, false, -2, false)).hasToString("< -2");
    assertThat(new Range(0, true, 1, false)).hasToString("[0, 1)");
  }

  @Test
  void printsWholeNumbersWithoutADecimalPointAndOthersAsJavaDoes() {
    assertThat(Range.greaterThan(0.5)).hasToString("> 0.5");
    assertThat(Range.closed(-2.5, 1e-3)).hasToString("[-2.5, 0.001]");
    assertThat(Range.atLeast(-0.0)).hasToString(">= 0");
    assertThat(Range.atLeast(1e20)).hasToString(">= 1.0E20");
  }

  @Test
  void greaterThanExcludesItsLowerEnd() {
    Range range = Range.greaterThan(0);
    assertThat(range.contains(0)).isFalse();
    assertThat(range.contains(-0.0)).isFalse();
    assertThat(range.contains(Double.MIN_VALUE)).isTrue();
    assertThat(range.contains(Double.MAX_VALUE)).isTrue();
    assertThat(range.contains(-1)).isFalse();
  }

  @Test
  void atLeastIncludesItsLowerEnd() {
    Range range = Range.atLeast(0);
    assertThat(range.contains(0)).isTrue();
    assertThat(range.contains(-0.0)).isTrue();
    assertThat(range.contains(-Double.MIN_VALUE)).isFalse();
    assertThat(range.contains(1e300)).isTrue();
  }

  @Test
  void closedIncludesBothEnds() {
    Range range = Range.closed(0, 1);
    assertThat(range.contains(0)).isTrue();
    assertThat(range.contains(1)).isTrue();
    assertThat(range.contains(0.5)).isTrue();
    assertThat(range.contains(Math.nextUp(1.0))).isFalse();
    assertThat(range.contains(Math.nextDown(0.0))).isFalse();
  }

  @Test
  void openExcludesBothEnds() {
    Range range = Range.open(0, 1);
    assertThat(range.contains(0)).isFalse();
    assertThat(range.contains(1)).isFalse();
    assertThat(range.contains(Math.nextDown(1.0))).isTrue();
    assertThat(range.contains(Double.MIN_VALUE)).isTrue();
  }

  @Test
  void neverContainsNanOrInfinityEvenWhenUnbounded() {
    for (Range range : new Range[] {Range.all(), Range.greaterThan(0), Range.atLeast(0)}) {
      assertThat(range.contains(Double.NaN)).as("%s contains NaN", range).isFalse();
      assertThat(range.contains(Double.POSITIVE_INFINITY)).as("%s contains +∞", range).isFalse();
      assertThat(range.contains(Double.NEGATIVE_INFINITY)).as("%s contains -∞", range).isFalse();
    }
    assertThat(Range.all().contains(-Double.MAX_VALUE)).isTrue();
  }

  @Test
  void rejectsAnInvertedOrNanInterval() {
    IllegalArgumentException inverted = assertThrows(IllegalArgumentException.class, () -> Range.closed(1, 0));
    assertThat(inverted).hasMessage("invalid range: lower 1.0, upper 0.0");

    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Range.atLeast(Double.NaN));
    assertThat(nan).hasMessage("invalid range: lower NaN, upper Infinity");
  }
}
