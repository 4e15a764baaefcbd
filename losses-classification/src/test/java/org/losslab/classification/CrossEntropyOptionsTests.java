package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.losslab.classification.Fixtures.loss;
import static org.losslab.classification.Fixtures.relative;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.losslab.api.Batch;
import org.losslab.api.Domains;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.api.PredictionDomain;
import org.losslab.testkit.RandomInputs;

class CrossEntropyOptionsTests {
  private static final String[] BINARY = {"binary_cross_entropy", "weighted_cross_entropy", "balanced_cross_entropy",
      "focal"};

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"binary_cross_entropy", "weighted_cross_entropy", "balanced_cross_entropy", "focal",
      "categorical_cross_entropy"})
  void everyCrossEntropyTakesTheSharedParameters(String id) {
    assertThat(Fixtures.REGISTRY.provider(id).parameters())
        .extracting(parameter -> parameter.name())
        .containsSubsequence("from_logits", "epsilon", "epsilon_mode", "log_base");
    assertThat(Fixtures.REGISTRY.provider(id).parameters()).containsAll(CrossEntropyOptions.PARAMETERS);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"binary_cross_entropy", "weighted_cross_entropy", "balanced_cross_entropy", "focal",
      "categorical_cross_entropy"})
  void logBaseTwoDividesTheValueAndTheDerivativesByLnTwo(String id) {
    for (boolean logits : new boolean[] {false, true}) {
      LossFunction natural = loss(id, "from_logits", logits, "reduction", "none");
      LossFunction bits = loss(id, "from_logits", logits, "reduction", "none", "log_base", 2);
      Batch batch = RandomInputs.batch(natural.domains(), 101, 30, id.startsWith("categorical") ? 3 : 2);
      double[][] expected = {natural.values(batch), natural.firstDerivatives(batch), natural.secondDerivatives(batch)};
      double[][] actual = {bits.values(batch), bits.firstDerivatives(batch), bits.secondDerivatives(batch)};

      for (int k = 0; k < 3; k++) {
        for (int i = 0; i < expected[k].length; i++) {
          double inBits = expected[k][i] / Math.log(2);
          assertThat(actual[k][i]).isCloseTo(inBits, relative(inBits, 1e-15));
        }
      }
    }
  }

  @Test
  void clippingStopsTheGradientOutsideEpsilonAsKerasDoes() {
    LossFunction loss = loss("binary_cross_entropy", "epsilon", 0.1, "reduction", "none");
    double[] p = {0, 0.05, 0.1, 0.5, 0.9, 0.95, 1};
    double[] y = {1, 1, 1, 1, 0, 0, 0};
    Batch batch = Batch.of(p, y);

    // Reference: q = 0.1 or 1 − 0.1 for every clipped element, with ℓ = −log q (y = 1) or −log(1 − q) (y = 0);
    // the derivatives ∓1/q and 1/q² inside, the boundary counted inside, and 0 where p was clipped.
    double low = 0.1;
    double high = 1 - (1 - 0.1);
    assertThat(loss.values(batch))
        .containsExactly(-Math.log(low), -Math.log(low), -Math.log(low), -Math.log(0.5), -Math.log(high),
            -Math.log(high), -Math.log(high));
    assertThat(loss.firstDerivatives(batch)).containsExactly(0, 0, -1 / low, -1 / 0.5, 1 / high, 0, 0);
    assertThat(loss.secondDerivatives(batch)).containsExactly(0, 0, 1 / (low * low), 1 / 0.25, 1 / (high * high), 0, 0);
  }

  @Test
  void scalingIsTheChainRuleThroughQEqualsPTimesOneMinusEpsilon() {
    double epsilon = 0.2;
    double[] p = Fixtures.uniform(102, 50, 0.01, 1);
    double[] q = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      q[i] = p[i] * (1 - epsilon);
    }
    double[] y = Fixtures.binaryLabels(103, 50);
    LossFunction scaled = loss("focal", "gamma", 0.5, "epsilon_mode", "scale", "epsilon", epsilon, "reduction", "none");
    LossFunction exact = loss("focal", "gamma", 0.5, "epsilon", 0.0, "reduction", "none");

    double[] value = exact.values(Batch.of(q, y));
    double[] first = exact.firstDerivatives(Batch.of(q, y));
    double[] second = exact.secondDerivatives(Batch.of(q, y));
    for (int i = 0; i < p.length; i++) {
      assertThat(scaled.values(Batch.of(p, y))[i]).isCloseTo(value[i], relative(value[i], 1e-15));
      assertThat(scaled.firstDerivatives(Batch.of(p, y))[i])
          .isCloseTo(first[i] * (1 - epsilon), relative(first[i], 1e-14));
      assertThat(scaled.secondDerivatives(Batch.of(p, y))[i])
          .isCloseTo(second[i] * (1 - epsilon) * (1 - epsilon), relative(second[i], 1e-14));
    }
  }

  @Test
  void logitsIgnoreEpsilon() {
    for (String id : BINARY) {
      LossFunction plain = loss(id, "from_logits", true, "reduction", "none");
      LossFunction withEpsilon = loss(id, "from_logits", true, "epsilon", 0.4, "epsilon_mode", "scale", "reduction", "none");
      Batch batch = RandomInputs.batch(plain.domains(), 104, 20, 2);

      assertThat(withEpsilon.values(batch)).containsExactly(plain.values(batch));
    }
  }

  @Test
  void fromLogitsChangesThePredictionDomain() {
    for (String id : BINARY) {
      assertThat(loss(id).domains()).isEqualTo(new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY));
      assertThat(loss(id, "from_logits", true).domains()).isEqualTo(new Domains(PredictionDomain.LOGIT, LabelDomain.BINARY));
    }
    assertThat(loss("categorical_cross_entropy", "from_logits", true).domains())
        .isEqualTo(new Domains(PredictionDomain.REAL, LabelDomain.CLASS));
  }

  @Test
  void logBaseTenIsRejectedListingTheBases() {
    assertThatThrownBy(() -> loss("focal", "log_base", 10))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("focal: log_base (10) must be one of e, 2");
  }

  @Test
  void aMisspeltEpsilonModeGetsASuggestion() {
    assertThatThrownBy(() -> loss("binary_cross_entropy", "epsilon_mode", "scal"))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("binary_cross_entropy: epsilon_mode (\"scal\") must be one of clip, scale; did you mean scale?");
  }

  @Test
  void epsilonMustStayBelowOneHalf() {
    assertThatThrownBy(() -> loss("categorical_cross_entropy", "epsilon", 0.5))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("categorical_cross_entropy: epsilon (0.5) must be ")
        .hasMessageEndingWith("[0, 0.5)");
  }

  @Test
  void parametersReadBackWithTheirDefaults() {
    assertThat(loss("weighted_cross_entropy").parameters().asMap()).isEqualTo(Map.of("weight", 1.0,
        "from_logits", false, "epsilon", 1e-7, "epsilon_mode", "clip", "log_base", "e", "reduction", "mean"));
  }
}
