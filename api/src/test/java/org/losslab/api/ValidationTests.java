package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.api.InvalidInputException.Input;

/** Every check of a batch against a loss, seen through {@link LossFunction}; messages follow the house style. */
class ValidationTests {
  private static final String NAN_HINT = "; data must be finite (or choose a NaN policy)";

  private static LossFunction loss(String name, Domains domains) {
    return LossFunction.elementwise(name, Parameters.validate(name, List.of(), Map.of()), domains,
        (p, y) -> (p - y) * (p - y));
  }

  private static final LossFunction SQUARED = loss("sq", Domains.REGRESSION);
  private static final LossFunction PROBABILITIES =
      loss("bce", new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY));
  private static final LossFunction HINGE = loss("hinge", new Domains(PredictionDomain.REAL, LabelDomain.SIGN));
  /** σ(−p): finite at p = ±∞, so that the whole pipeline can run on a saturated logit. */
  private static final LossFunction LOGITS = LossFunction.elementwise("logistic",
      Parameters.validate("logistic", List.of(), Map.of()), new Domains(PredictionDomain.LOGIT, LabelDomain.BINARY),
      (p, y) -> 1 / (1 + Math.exp(p)));
  private static final LossFunction CLASSES = LossFunction.rowwise("ce",
      Parameters.validate("ce", List.of(), Map.of()), new Domains(PredictionDomain.LOGIT, LabelDomain.CLASS),
      (p, y) -> 0);

  private static InvalidInputException rejects(LossFunction loss, Batch batch) {
    return assertThrows(InvalidInputException.class, () -> loss.value(batch));
  }

  static Stream<Arguments> everyEvaluation() {
    return Stream.of(
        Arguments.of("validate", (BiConsumer<LossFunction, Batch>) LossFunction::validate),
        Arguments.of("value", (BiConsumer<LossFunction, Batch>) LossFunction::value),
        Arguments.of("values", (BiConsumer<LossFunction, Batch>) LossFunction::values),
        Arguments.of("gradient", (BiConsumer<LossFunction, Batch>) LossFunction::gradient),
        Arguments.of("firstDerivatives", (BiConsumer<LossFunction, Batch>) LossFunction::firstDerivatives),
        Arguments.of("secondDerivatives", (BiConsumer<LossFunction, Batch>) LossFunction::secondDerivatives));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEvaluation")
  void everyEvaluationValidatesFirst(String method, BiConsumer<LossFunction, Batch> evaluation) {
    Batch nan = Batch.of(new double[] {1, Double.NaN}, new double[] {0, 0});

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> evaluation.accept(SQUARED, nan));

    assertThat(e).hasMessage("sq: predictions row 1, column 0 is NaN; expected any finite number" + NAN_HINT);
  }

  @Test
  void aChunkOfADatasetNamesTheDatasetsRows() {
    Batch chunk = Batch.of(new double[] {0.5, 0.25, 1.5}, new double[] {0, 1, 1}).withFirstRow(70_000);
    InvalidInputException prediction = rejects(PROBABILITIES, chunk);
    assertThat(prediction.getMessage()).startsWith("bce: predictions row 70002, column 0 is 1.5;");
    assertThat(prediction.row()).isEqualTo(70_002);

    InvalidInputException label = rejects(PROBABILITIES,
        Batch.of(new double[] {0.5, 0.25}, new double[] {0, 2}).withFirstRow(9));
    assertThat(label.getMessage()).startsWith("bce: labels row 10, column 0 is 2.0;");

    InvalidInputException weight = rejects(SQUARED,
        Batch.of(new double[] {1, 2}, new double[] {1, 2}).withWeights(new double[] {1, -1}).withFirstRow(5));
    assertThat(weight).hasMessage("sq: weights row 6 is -1.0; expected a finite weight >= 0");
    assertThat(weight.row()).isEqualTo(6);

    InvalidInputException oneHot = rejects(CLASSES,
        Batch.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1, 0}, {0.5, 0.4}}).withFirstRow(3));
    assertThat(oneHot.getMessage()).startsWith("ce: labels row 4 sums to 0.9");
    // The first row does not change anything else about a batch.
    assertThat(chunk.withFirstRow(0).firstRow()).isZero();
    assertThat(chunk.withThreads(2).withWeights(new double[] {1, 1, 1}).firstRow()).isEqualTo(70_000);
  }

  // --- shapes and size ------------------------------------------------------------------------------------------

  @Test
  void labelsShapeMismatchNamesBothShapes() {
    InvalidInputException rows = rejects(SQUARED, Batch.of(new double[] {1, 2, 3}, new double[] {1, 2}));
    assertThat(rows).hasMessage("sq: labels shape [2, 1] does not match predictions shape [3, 1]");
    assertThat(rows.input()).isEqualTo(Input.BATCH);
    assertThat(rows.row()).isEqualTo(-1);
    assertThat(rows.column()).isEqualTo(-1);

    InvalidInputException columns = rejects(SQUARED,
        Batch.of(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}, {2}}));
    assertThat(columns).hasMessage("sq: labels shape [2, 1] does not match predictions shape [2, 2]");
  }

  @Test
  void classLabelsShapeMismatchSaysWhichShapesWouldDo() {
    InvalidInputException e = rejects(CLASSES,
        Batch.of(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{1, 0}, {0, 1}}));

    assertThat(e).hasMessage("ce: labels shape [2, 2] does not match predictions shape [2, 3]; "
        + "expected [2, 3] (one-hot) or [2, 1] (class index)");
  }

  @Test
  void weightsCountMismatchNamesBothShapes() {
    Batch batch = Batch.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}).withWeights(new double[] {1, 2});

    assertThat(rejects(SQUARED, batch))
        .hasMessage("sq: weights shape [2] does not match predictions shape [3, 1] (one weight per row)");
  }

  @Test
  void emptyInputIsRejected() {
    assertThat(rejects(SQUARED, Batch.of(new double[0], new double[0])))
        .hasMessage("sq: empty input (predictions shape [0, 1]); at least one row is needed");
    assertThat(rejects(SQUARED, Batch.of(new double[][] {{}, {}}, new double[][] {{}, {}})))
        .hasMessage("sq: empty input (predictions shape [2, 0]); at least one row is needed");
  }

  // --- NaN and infinity -----------------------------------------------------------------------------------------

  @Test
  void nanPredictionNamesRowAndColumn() {
    Batch batch = Batch.of(new double[][] {{1, 2, 3}, {4, 5, Double.NaN}}, new double[][] {{0, 0, 0}, {0, 0, 0}});

    InvalidInputException e = rejects(SQUARED, batch);

    assertThat(e).hasMessage("sq: predictions row 1, column 2 is NaN; expected any finite number" + NAN_HINT);
    assertThat(e.input()).isEqualTo(Input.PREDICTIONS);
    assertThat(e.row()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(2);
  }

  @Test
  void infinitePredictionNamesRowAndColumn() {
    Batch batch = Batch.of(new float[][] {{1, Float.NEGATIVE_INFINITY}}, new float[][] {{0, 0}});

    InvalidInputException e = rejects(SQUARED, batch);

    assertThat(e).hasMessage("sq: predictions row 0, column 1 is -Infinity; expected any finite number");
    assertThat(e.input()).isEqualTo(Input.PREDICTIONS);
    assertThat(e.row()).isZero();
    assertThat(e.column()).isEqualTo(1);
  }

  @Test
  void infiniteLabelNamesRowAndColumn() {
    Batch batch = Batch.of(new double[][] {{1, 2}, {3, 4}, {5, 6}},
        new double[][] {{0, 0}, {0, 0}, {Double.POSITIVE_INFINITY, 0}});

    InvalidInputException e = rejects(SQUARED, batch);

    assertThat(e).hasMessage("sq: labels row 2, column 0 is Infinity; expected any finite number");
    assertThat(e.input()).isEqualTo(Input.LABELS);
    assertThat(e.row()).isEqualTo(2);
    assertThat(e.column()).isZero();
  }

  @Test
  void nanLabelNamesRowAndColumn() {
    InvalidInputException e = rejects(SQUARED, Batch.of(new double[] {1, 2}, new double[] {Double.NaN, 0}));

    assertThat(e).hasMessage("sq: labels row 0, column 0 is NaN; expected any finite number" + NAN_HINT);
    assertThat(e.input()).isEqualTo(Input.LABELS);
  }

  @Test
  void propagateLetsNanThroughToANanResult() {
    Batch batch = Batch.of(new double[] {1, Double.NaN, 3}, new double[] {0, 0, Double.NaN})
        .withNanPolicy(NanPolicy.PROPAGATE);

    assertThat(SQUARED.value(batch)).isNaN();
    double[] values = SQUARED.values(batch);
    assertThat(values[0]).isEqualTo(1.0);
    assertThat(values[1]).isNaN();
    assertThat(values[2]).isNaN();
  }

  @Test
  void propagateStillRejectsInfinity() {
    Batch batch = Batch.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY}, new double[] {0, 0})
        .withNanPolicy(NanPolicy.PROPAGATE);

    assertThat(rejects(SQUARED, batch))
        .hasMessage("sq: predictions row 1, column 0 is Infinity; expected any finite number");
  }

  @Test
  void logitsAllowInfinityButNotNan() {
    Batch saturated = Batch.of(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, new double[] {1, 1});

    assertThatCode(() -> LOGITS.validate(saturated)).doesNotThrowAnyException();
    assertThat(LOGITS.value(saturated)).isEqualTo((0.0 + 1.0) / 2);

    InvalidInputException e = rejects(LOGITS, Batch.of(new double[] {0, Double.NaN}, new double[] {1, 0}));
    assertThat(e).hasMessage("logistic: predictions row 1, column 0 is NaN; "
        + "expected a logit (any real number, ±∞ allowed)" + NAN_HINT);
  }

  // --- domains --------------------------------------------------------------------------------------------------

  @Test
  void probabilityAboveOneHintsAtFromLogits() {
    InvalidInputException e = rejects(PROBABILITIES, Batch.of(new double[] {0.5, 1.2}, new double[] {0, 1}));

    assertThat(e).hasMessage("bce: predictions row 1, column 0 is 1.2; expected a probability in [0, 1] "
        + "(for raw scores set from_logits: true; or clip the predictions to [0, 1])");
    assertThat(e.input()).isEqualTo(Input.PREDICTIONS);
    assertThat(e.row()).isEqualTo(1);
    assertThat(e.column()).isZero();
  }

  @Test
  void probabilityEdgesAreAllowed() {
    assertThatCode(() -> PROBABILITIES.validate(Batch.of(new double[] {0, 1}, new double[] {0, 1})))
        .doesNotThrowAnyException();
    assertThat(rejects(PROBABILITIES, Batch.of(new double[] {-0.1}, new double[] {0})))
        .hasMessageStartingWith("bce: predictions row 0, column 0 is -0.1; expected a probability in [0, 1] (");
  }

  @Test
  void signLabelZeroHintsAtLabelEncoding() {
    InvalidInputException e = rejects(HINGE, Batch.of(new double[] {0.3, -2}, new double[] {1, 0}));

    assertThat(e).hasMessage("hinge: labels row 1, column 0 is 0.0; expected -1 or +1 "
        + "(for {0,1} labels set label_encoding: zero_one)");
    assertThat(e.input()).isEqualTo(Input.LABELS);
    assertThat(e.row()).isEqualTo(1);
  }

  @Test
  void binaryLabelMinusOneHintsAtTheMapping() {
    assertThat(rejects(PROBABILITIES, Batch.of(new double[] {0.3}, new double[] {-1})))
        .hasMessage("bce: labels row 0, column 0 is -1.0; expected 0 or 1 ({-1,+1} labels: map -1 to 0)");
    assertThat(rejects(PROBABILITIES, Batch.of(new double[] {0.3}, new double[] {2})))
        .hasMessage("bce: labels row 0, column 0 is 2.0; expected 0 or 1");
  }

  // --- class labels ---------------------------------------------------------------------------------------------

  private static final double[][] THREE_CLASSES = {{1, 2, 3}, {0, 0, 0}};

  @Test
  void classIndexOutOfRange() {
    InvalidInputException e = rejects(CLASSES, Batch.of(THREE_CLASSES, new double[][] {{2}, {3}}));

    assertThat(e).hasMessage("ce: labels row 1, column 0 is 3.0; expected a class index in [0, 3); "
        + "one label column holds class indices, 3 columns hold one-hot rows");
    assertThat(e.input()).isEqualTo(Input.LABELS);
    assertThat(e.row()).isEqualTo(1);
    assertThat(e.column()).isZero();

    assertThat(rejects(CLASSES, Batch.of(THREE_CLASSES, new double[][] {{-1}, {0}})))
        .hasMessageStartingWith("ce: labels row 0, column 0 is -1.0; expected a class index in [0, 3);");
  }

  @Test
  void classIndexMustBeWhole() {
    assertThat(rejects(CLASSES, Batch.of(THREE_CLASSES, new double[][] {{0}, {1.5}})))
        .hasMessageStartingWith("ce: labels row 1, column 0 is 1.5; expected a class index in [0, 3);");
  }

  @Test
  void oneHotRowMustSumToOne() {
    InvalidInputException e = rejects(CLASSES, Batch.of(THREE_CLASSES, new double[][] {{0, 0, 1}, {0.5, 0.25, 0}}));

    assertThat(e).hasMessage("ce: labels row 1 sums to 0.75; a one-hot (probability) row must sum to 1");
    assertThat(e.input()).isEqualTo(Input.LABELS);
    assertThat(e.row()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(-1);
  }

  @Test
  void oneHotValuesMustBeProbabilities() {
    assertThat(rejects(CLASSES, Batch.of(THREE_CLASSES, new double[][] {{-0.5, 1.5, 0}, {1, 0, 0}})))
        .hasMessage("ce: labels row 0, column 0 is -0.5; expected a one-hot (probability) value in [0, 1]");
  }

  @Test
  void softLabelRowsThatSumToOneAreAccepted() {
    // 0.1 + 0.2 + 0.7 is 0.9999999999999999 in doubles: within the tolerance.
    Batch batch = Batch.of(THREE_CLASSES, new double[][] {{0.1, 0.2, 0.7}, {0, 1, 0}});

    assertThatCode(() -> CLASSES.validate(batch)).doesNotThrowAnyException();
  }

  // --- weights --------------------------------------------------------------------------------------------------

  private static final Batch THREE_ROWS = Batch.of(new double[] {1, 2, 3}, new double[] {0, 0, 0});

  @Test
  void negativeWeightNamesTheRow() {
    InvalidInputException e = rejects(SQUARED, THREE_ROWS.withWeights(new double[] {1, -1, 1}));

    assertThat(e).hasMessage("sq: weights row 1 is -1.0; expected a finite weight >= 0");
    assertThat(e.input()).isEqualTo(Input.WEIGHTS);
    assertThat(e.row()).isEqualTo(1);
    assertThat(e.column()).isZero();
  }

  @Test
  void nanOrInfiniteWeightNamesTheRow() {
    assertThat(rejects(SQUARED, THREE_ROWS.withWeights(new double[] {Double.NaN, 1, 1})))
        .hasMessage("sq: weights row 0 is NaN; expected a finite weight >= 0");
    assertThat(rejects(SQUARED, THREE_ROWS.withWeights(new double[] {1, 1, Double.POSITIVE_INFINITY})))
        .hasMessage("sq: weights row 2 is Infinity; expected a finite weight >= 0");
  }

  @Test
  void nanWeightIsRejectedEvenUnderPropagate() {
    Batch batch = THREE_ROWS.withWeights(new double[] {1, Double.NaN, 1}).withNanPolicy(NanPolicy.PROPAGATE);

    assertThat(rejects(SQUARED, batch)).hasMessage("sq: weights row 1 is NaN; expected a finite weight >= 0");
  }

  @Test
  void allZeroWeightsAreRejected() {
    InvalidInputException e = rejects(SQUARED, THREE_ROWS.withWeights(new double[] {0, 0, 0}));

    assertThat(e).hasMessage("sq: weights are all 0; at least one row needs a positive weight");
    assertThat(e.input()).isEqualTo(Input.BATCH);
  }
}
