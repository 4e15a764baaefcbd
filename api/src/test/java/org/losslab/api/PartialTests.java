package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Partial sums for chunked evaluation: combining the parts of a dataset gives the value of the whole. */
class PartialTests {
  private static final ElementLoss ABSOLUTE = (p, y) -> Math.abs(p - y);

  private static LossFunction absolute(String reduction) {
    return LossFunction.elementwise("abs", Parameters.validate("abs", List.of(), Map.of("reduction", reduction)),
        Domains.REGRESSION, ABSOLUTE);
  }

  private static double[] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return random.doubles(n, -10, 10).toArray();
  }

  @Test
  void aPartialHoldsTheWeightedSumAndTheDivisor() {
    Batch batch = Batch.of(new double[][] {{1, 2}, {3, 5}}, new double[][] {{0, 0}, {1, 1}})
        .withWeights(new double[] {1, 3});

    // Σ w·ℓ = 1·(1 + 2) + 3·(2 + 4) = 21; divisor M·Σw = 2·4.
    assertThat(absolute("mean").partial(batch)).isEqualTo(new Partial(21, 8));
    assertThat(absolute("none").partial(batch)).isEqualTo(new Partial(21, 8));
  }

  @Test
  void theValueOfAPartialIsBitwiseTheValueOfItsBatch() {
    double[] weights = Arrays.stream(random(300_001, 3)).map(Math::abs).toArray();
    Batch weighted = Batch.of(random(300_001, 1), random(300_001, 2)).withWeights(weights).withThreads(2);

    for (String reduction : new String[] {"mean", "sum"}) {
      LossFunction loss = absolute(reduction);
      assertThat(loss.partial(weighted).value(loss.reduction())).isEqualTo(loss.value(weighted));
    }
  }

  /**
   * Parts split anywhere combine to the whole within (n + log₂ c + 2)·2⁻⁵³ relative (see {@link Partial}); held
   * here to 1e-13, some 5000 times looser than what the test measures (a few ulp), for losses that are never
   * negative; for sums whose terms cancel, relative to Σ|w·ℓ|.
   */
  @ParameterizedTest(name = "split at row {0}")
  @ValueSource(ints = {1, 1000, 32_768, 65_536, 123_457, 299_999})
  void partsCombineToTheValueOfTheWhole(int split) {
    int n = 300_000;
    double[] predictions = random(n, 4);
    double[] labels = random(n, 5);
    double[] weights = Arrays.stream(random(n, 6)).map(Math::abs).toArray();
    Batch whole = Batch.of(predictions, labels).withWeights(weights);
    Batch first = Batch.of(Arrays.copyOf(predictions, split), Arrays.copyOf(labels, split))
        .withWeights(Arrays.copyOf(weights, split));
    Batch second = Batch.of(Arrays.copyOfRange(predictions, split, n), Arrays.copyOfRange(labels, split, n))
        .withWeights(Arrays.copyOfRange(weights, split, n));

    for (String reduction : new String[] {"mean", "sum"}) {
      LossFunction loss = absolute(reduction);
      double combined = Partial.ZERO.plus(loss.partial(first)).plus(loss.partial(second)).value(loss.reduction());
      double value = loss.value(whole);
      assertThat(Math.abs(combined - value)).as(reduction).isLessThanOrEqualTo(1e-13 * value);
    }
  }

  @Test
  void aPartWhoseWeightsAreAllZeroIsAcceptedAndWeighsNothing() {
    Batch nothing = Batch.of(new double[] {1, 2}, new double[] {0, 0}).withWeights(new double[] {0, 0});
    Batch something = Batch.of(new double[] {3}, new double[] {0}).withWeights(new double[] {2});
    LossFunction loss = absolute("mean");

    assertThat(loss.partial(nothing)).isEqualTo(new Partial(0, 0));
    assertThat(loss.partial(nothing).plus(loss.partial(something)).value(Reduction.MEAN)).isEqualTo(3.0);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> loss.value(nothing));
    assertThat(e).hasMessage("abs: weights are all 0; at least one row needs a positive weight");
  }

  @Test
  void aPartialIsValidatedLikeAValue() {
    Batch bad = Batch.of(new double[] {1, Double.NaN}, new double[] {0, 0});

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> absolute("mean").partial(bad));

    assertThat(e).hasMessageStartingWith("abs: predictions row 1, column 0 is NaN");
  }

  @Test
  void theMeanOfNothingAndTheValueOfNoneAreErrors() {
    LossException mean = assertThrows(LossException.class, () -> Partial.ZERO.value(Reduction.MEAN));
    LossException none = assertThrows(LossException.class, () -> new Partial(1, 1).value(Reduction.NONE));

    assertThat(mean).hasMessageContaining("weights are all 0");
    assertThat(none).hasMessageStartingWith("reduction none gives per-element values, not one");
    assertThat(Partial.ZERO.value(Reduction.SUM)).isZero();
  }

  @Test
  void aLossFunctionWrittenBeforePartialsSaysItHasNone() {
    LossFunction delegate = absolute("mean");
    LossFunction old = new LossFunction() {
      @Override public String name() { return "old"; }
      @Override public Parameters parameters() { return delegate.parameters(); }
      @Override public Domains domains() { return delegate.domains(); }
      @Override public void validate(Batch batch) { delegate.validate(batch); }
      @Override public double value(Batch batch) { return delegate.value(batch); }
      @Override public double[] values(Batch batch) { return delegate.values(batch); }
      @Override public double[] gradient(Batch batch) { return delegate.gradient(batch); }
      @Override public double[] firstDerivatives(Batch batch) { return delegate.firstDerivatives(batch); }
      @Override public double[] secondDerivatives(Batch batch) { return delegate.secondDerivatives(batch); }
    };

    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> old.partial(Batch.of(new double[] {1}, new double[] {0})));

    assertThat(e).hasMessageStartingWith("old: this LossFunction implementation (")
        .hasMessageContaining("does not give partial sums; evaluate whole batches with value(batch)");
  }
}
