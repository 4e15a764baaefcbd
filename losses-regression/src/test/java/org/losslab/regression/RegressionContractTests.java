package org.losslab.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.losslab.regression.Reference.REGISTRY;
import static org.losslab.regression.Reference.loss;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.api.Batch;
import org.losslab.api.Domains;
import org.losslab.api.InvalidInputException;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LossException;
import org.losslab.api.LossProvider;
import org.losslab.api.NanPolicy;
import org.losslab.api.Task;
import org.losslab.api.UnknownLossException;
import org.losslab.testkit.LossContract;

/** What every loss of this module keeps: discovery, the testkit's contract, and the errors a user sees. */
class RegressionContractTests {

  static Stream<LossProvider> providers() {
    return REGISTRY.providers().stream();
  }

  static Stream<String> ids() {
    return Stream.of("mse", "l1", "mbe", "huber", "smooth_l1", "log_cosh");
  }

  @Test
  void discoversExactlyThisModulesLossesWithoutProblems() {
    assertThat(REGISTRY.problems()).isEmpty();
    assertThat(REGISTRY.providers()).extracting(LossProvider::id)
        .containsExactlyInAnyOrder("mse", "l1", "mbe", "huber", "smooth_l1", "log_cosh");
    assertThat(REGISTRY.names())
        .containsExactlyInAnyOrder("mse", "l1", "mae", "mbe", "huber", "smooth_l1", "log_cosh");
    assertThat(REGISTRY.provider("mae")).isSameAs(REGISTRY.provider("l1"));
  }

  @ParameterizedTest
  @MethodSource("providers")
  void keepsTheContract(LossProvider provider) {
    LossContract.assertValid(provider);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void describesItselfAsARegressionLoss(LossProvider provider) {
    assertThat(provider.task()).isEqualTo(Task.REGRESSION);
    assertThat(provider.domains()).isEqualTo(Domains.REGRESSION);
    assertThat(provider.formula()).isNotBlank().doesNotContain("\n");
    assertThat(provider.create(Map.of()).domains()).isEqualTo(Domains.REGRESSION);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void namesTheRowOfANaN(String id) {
    assertThatThrownBy(() -> loss(id, Map.of()).value(Batch.of(new double[] {0.5, Double.NaN, 1}, new double[3])))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": predictions row 1, column 0 is NaN; expected any finite number;"
            + " data must be finite (or choose a NaN policy)")
        .satisfies(e -> {
          InvalidInputException error = (InvalidInputException) e;
          assertThat(error.input()).isEqualTo(InvalidInputException.Input.PREDICTIONS);
          assertThat(error.row()).isEqualTo(1);
          assertThat(error.column()).isZero();
        });
    assertThatThrownBy(() -> loss(id, Map.of()).value(Batch.of(new double[3], new double[] {0, 0, Double.NaN})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": labels row 2, column 0 is NaN; expected any finite number;"
            + " data must be finite (or choose a NaN policy)");
    assertThatThrownBy(() -> loss(id, Map.of()).value(Batch.of(new double[] {Double.NEGATIVE_INFINITY}, new double[1])))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": predictions row 0, column 0 is -Infinity; expected any finite number");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void letsANaNThroughWhenAskedTo(String id) {
    // NanPolicy.PROPAGATE: the NaN element, and the reduced value, become NaN; the other elements stay finite.
    Batch batch = Batch.of(new double[] {0.5, Double.NaN, 1}, new double[] {0, 0, 2})
        .withNanPolicy(NanPolicy.PROPAGATE);
    assertThat(loss(id, Map.of()).value(batch)).isNaN();
    double[] values = loss(id, Map.of()).values(batch);
    assertThat(values[1]).isNaN();
    assertThat(values[0]).isFinite();
    assertThat(values[2]).isFinite();
  }

  @ParameterizedTest
  @MethodSource("ids")
  void namesBothShapesWhenLabelsDoNotMatch(String id) {
    assertThatThrownBy(() -> loss(id, Map.of()).value(Batch.of(new double[3], new double[2])))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": labels shape [2, 1] does not match predictions shape [3, 1]");
    assertThatThrownBy(() -> loss(id, Map.of()).values(Batch.ofRows(new double[6], 2, new double[6], 3)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": labels shape [2, 3] does not match predictions shape [3, 2]");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void rejectsEmptyInput(String id) {
    assertThatThrownBy(() -> loss(id, Map.of()).value(Batch.of(new double[0], new double[0])))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": empty input (predictions shape [0, 1]); at least one row is needed");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void rejectsBadWeights(String id) {
    Batch batch = Batch.of(new double[] {1, 2, 3}, new double[] {0, 0, 0});
    assertThatThrownBy(() -> loss(id, Map.of()).value(batch.withWeights(new double[] {1, -1, 1})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": weights row 1 is -1.0; expected a finite weight >= 0");
    assertThatThrownBy(() -> loss(id, Map.of()).value(batch.withWeights(new double[] {1, 1, Double.NaN})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": weights row 2 is NaN; expected a finite weight >= 0");
    assertThatThrownBy(() -> loss(id, Map.of()).value(batch.withWeights(new double[] {0, 0, 0})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": weights are all 0; at least one row needs a positive weight");
    assertThatThrownBy(() -> loss(id, Map.of()).value(batch.withWeights(new double[] {1, 1})))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(id + ": weights shape [2] does not match predictions shape [3, 1] (one weight per row)");
  }

  @ParameterizedTest
  @MethodSource("ids")
  void reductionNoneHasNoSingleValue(String id) {
    Batch batch = Batch.of(new double[] {1, 2, 3}, new double[] {0, 0, 0});
    assertThatThrownBy(() -> loss(id, Map.of("reduction", "none")).value(batch))
        .isExactlyInstanceOf(LossException.class)
        .hasMessage(id + ": reduction is none, which gives per-element values, not one;"
            + " call values(batch), or set reduction: mean or sum");
    assertThat(loss(id, Map.of("reduction", "none")).values(batch)).hasSize(3);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void suggestsTheReductionAMisspellingMeant(String id) {
    assertThatThrownBy(() -> loss(id, Map.of("reduction", "mena")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage(id + ": reduction (\"mena\") must be one of mean, sum, none; did you mean mean?");
  }

  @Test
  void suggestsTheLossAMisspellingMeant() {
    assertThatThrownBy(() -> REGISTRY.provider("hubr"))
        .isInstanceOf(UnknownLossException.class)
        .hasMessage("unknown loss \"hubr\"; did you mean huber? (see losslab list)");
    assertThatThrownBy(() -> loss("mse", Map.of("delta", 1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("mse: unknown parameter \"delta\" (mse takes reduction)");
  }
}
