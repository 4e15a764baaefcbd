package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected messages follow the house style: {@code loss: parameter (value) must be allowed}. */
class ParametersTests {
  private static final Parameter DELTA = Parameter.number("delta", 1.0, Range.greaterThan(0), "where it turns linear");
  private static final List<Parameter> HUBER = List.of(DELTA);

  private static Parameters huber(Map<String, ?> given) {
    return Parameters.validate("huber", HUBER, given);
  }

  private static InvalidParameterException huberRejects(Map<String, ?> given) {
    return assertThrows(InvalidParameterException.class, () -> huber(given));
  }

  @Test
  void fillsInDefaultsAndAddsReduction() {
    Parameters parameters = huber(Map.of());

    assertThat(parameters.asMap()).containsExactly(Map.entry("delta", 1.0), Map.entry("reduction", "mean"));
    assertThat(parameters.number("delta")).isEqualTo(1.0);
    assertThat(parameters.reduction()).isEqualTo(Reduction.MEAN);
    assertThat(parameters.loss()).isEqualTo("huber");
    assertThat(parameters).hasToString("delta=1.0, reduction=mean");
  }

  @Test
  void keepsDeclarationOrderThenReductionWhateverOrderTheyAreGivenIn() {
    List<Parameter> declared = List.of(
        Parameter.number("gamma", 2.0, Range.atLeast(0), "focusing"),
        Parameter.number("alpha", 0.25, Range.closed(0, 1), "balance"),
        Parameter.bool("from_logits", false, "raw scores"));
    Map<String, Object> given = new LinkedHashMap<>();
    given.put("reduction", "sum");
    given.put("from_logits", true);
    given.put("alpha", 0.5);

    Parameters parameters = Parameters.validate("focal", declared, given);

    assertThat(parameters.asMap().keySet()).containsExactly("gamma", "alpha", "from_logits", "reduction");
    assertThat(parameters).hasToString("gamma=2.0, alpha=0.5, from_logits=true, reduction=sum");
    assertThat(parameters.bool("from_logits")).isTrue();
    assertThat(parameters.reduction()).isEqualTo(Reduction.SUM);
  }

  @Test
  void aLossThatDeclaresItsOwnReductionKeepsIt() {
    Parameter ownReduction = Parameter.choice("reduction", "sum", List.of("sum", "none"), "only sum or none");

    Parameters parameters = Parameters.validate("odd", List.of(ownReduction, DELTA), Map.of());

    assertThat(parameters.asMap()).containsExactly(Map.entry("reduction", "sum"), Map.entry("delta", 1.0));
    assertThat(Parameters.withReduction(List.of(ownReduction))).containsExactly(ownReduction);
    assertThat(Parameters.withReduction(HUBER)).containsExactly(DELTA, Parameter.REDUCTION);
  }

  @Test
  void convertsAnyNumberToDoubleForANumberParameter() {
    assertThat(huber(Map.of("delta", 2)).asMap().get("delta")).isInstanceOf(Double.class).isEqualTo(2.0);
    assertThat(huber(Map.of("delta", 3L)).number("delta")).isEqualTo(3.0);
    assertThat(huber(Map.of("delta", 0.25f)).number("delta")).isEqualTo(0.25);
    assertThat(huber(Map.of("delta", new BigDecimal("1.5"))).number("delta")).isEqualTo(1.5);
  }

  @Test
  void acceptsAWholeNumberOfAnyTypeForAnIntegerParameter() {
    List<Parameter> declared = List.of(Parameter.integer("k", 1, Range.atLeast(1), "neighbours"));

    assertThat(Parameters.validate("knn", declared, Map.of("k", 2.0)).asMap().get("k"))
        .isInstanceOf(Integer.class).isEqualTo(2);
    assertThat(Parameters.validate("knn", declared, Map.of("k", 5L)).integer("k")).isEqualTo(5);
    assertThat(Parameters.validate("knn", declared, Map.of("k", new BigDecimal("4.00"))).integer("k")).isEqualTo(4);
    assertThat(Parameters.validate("knn", declared, Map.of("k", BigInteger.TEN)).integer("k")).isEqualTo(10);
  }

  @Test
  void rejectsAFractionForAnIntegerParameter() {
    List<Parameter> declared = List.of(Parameter.integer("k", 1, Range.atLeast(1), "neighbours"));

    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> Parameters.validate("knn", declared, Map.of("k", 2.5)));

    assertThat(e).hasMessage("knn: k must be a whole number, got 2.5 (a number)");
    assertThat(e.loss()).isEqualTo("knn");
    assertThat(e.parameter()).isEqualTo("k");
  }

  @Test
  void rejectsAnIntegerBelowItsRange() {
    List<Parameter> declared = List.of(Parameter.integer("k", 1, Range.atLeast(1), "neighbours"));

    assertThatThrownBy(() -> Parameters.validate("knn", declared, Map.of("k", 0)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("knn: k (0) must be >= 1");
  }

  @Test
  void rejectsAWholeNumberTooLargeForAnIntSayingWhy() {
    List<Parameter> declared = List.of(Parameter.integer("k", 1, Range.atLeast(1), "neighbours"));

    assertThatThrownBy(() -> Parameters.validate("knn", declared, Map.of("k", 3_000_000_000L)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("knn: k (3000000000) is outside the integer range [-2147483648, 2147483647]");
    assertThatThrownBy(() -> Parameters.validate("knn", declared, Map.of("k", -3e9)))
        .hasMessage("knn: k (-3.0E9) must be >= 1");
  }

  @Test
  void acceptsANumberForAChoiceWhoseTextIsOneOfTheChoices() {
    List<Parameter> declared = List.of(Parameter.choice("log_base", "e", List.of("e", "2"), "logarithm base"));

    assertThat(Parameters.validate("entropy", declared, Map.of("log_base", 2)).choice("log_base")).isEqualTo("2");
    assertThat(Parameters.validate("entropy", declared, Map.of("log_base", 2.0)).choice("log_base")).isEqualTo("2");
    assertThat(Parameters.validate("entropy", declared, Map.of("log_base", "e")).choice("log_base")).isEqualTo("e");
    assertThat(Parameters.validate("entropy", declared, Map.of()).choice("log_base")).isEqualTo("e");
  }

  @Test
  void rejectsAFractionForAChoice() {
    List<Parameter> declared = List.of(Parameter.choice("log_base", "e", List.of("e", "2"), "logarithm base"));

    assertThatThrownBy(() -> Parameters.validate("entropy", declared, Map.of("log_base", 2.5)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("entropy: log_base must be one of e, 2, got 2.5 (a number)");
  }

  @Test
  void acceptsBooleansOnlyForABooleanParameter() {
    List<Parameter> declared = List.of(Parameter.bool("from_logits", false, "raw scores"));

    assertThat(Parameters.validate("bce", declared, Map.of("from_logits", true)).bool("from_logits")).isTrue();
    assertThatThrownBy(() -> Parameters.validate("bce", declared, Map.of("from_logits", "true")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("bce: from_logits must be true or false, got \"true\" (a string)");
    assertThatThrownBy(() -> Parameters.validate("bce", declared, Map.of("from_logits", 1)))
        .hasMessage("bce: from_logits must be true or false, got 1 (a number)");
  }

  @Test
  void unknownParameterSuggestsTheClosestAndListsWhatTheLossTakes() {
    InvalidParameterException e = huberRejects(Map.of("detla", 2.0));

    assertThat(e).hasMessage("huber: unknown parameter \"detla\"; did you mean delta? (huber takes delta, reduction)");
    assertThat(e.loss()).isEqualTo("huber");
    assertThat(e.parameter()).isEqualTo("detla");
  }

  @Test
  void unknownParameterWithNothingCloseStillListsWhatTheLossTakes() {
    assertThat(huberRejects(Map.of("quantile", 0.5)))
        .hasMessage("huber: unknown parameter \"quantile\" (huber takes delta, reduction)");
  }

  @Test
  void unknownParameterDiffersOnlyInCaseOrDash() {
    assertThat(huberRejects(Map.of("Delta", 2.0)))
        .hasMessage("huber: unknown parameter \"Delta\"; did you mean delta? (huber takes delta, reduction)");
  }

  @Test
  void stringForANumberIsTheWrongType() {
    assertThat(huberRejects(Map.of("delta", "two"))).hasMessage("huber: delta must be a number, got \"two\" (a string)");
  }

  @Test
  void nullForANumberIsTheWrongType() {
    Map<String, Object> given = new HashMap<>();
    given.put("delta", null);

    assertThat(huberRejects(given)).hasMessage("huber: delta must be a number, got null (null)");
  }

  @Test
  void listOrMappingForANumberIsTheWrongType() {
    assertThat(huberRejects(Map.of("delta", List.of(1, 2)))).hasMessage("huber: delta must be a number, got [1, 2] (a list)");
    assertThat(huberRejects(Map.of("delta", Map.of("a", 1)))).hasMessage("huber: delta must be a number, got {a=1} (a mapping)");
    assertThat(huberRejects(Map.of("delta", true))).hasMessage("huber: delta must be a number, got true (a boolean)");
  }

  @Test
  void greaterThanRangePrintsTheValueAsGiven() {
    assertThat(huberRejects(Map.of("delta", -1))).hasMessage("huber: delta (-1) must be > 0");
    assertThat(huberRejects(Map.of("delta", -1.0))).hasMessage("huber: delta (-1.0) must be > 0");
    assertThat(huberRejects(Map.of("delta", 0))).hasMessage("huber: delta (0) must be > 0");
    assertThat(huber(Map.of("delta", Double.MIN_VALUE)).number("delta")).isEqualTo(Double.MIN_VALUE);
  }

  @Test
  void atLeastRange() {
    List<Parameter> declared = List.of(Parameter.number("gamma", 2.0, Range.atLeast(0), "focusing"));

    assertThat(Parameters.validate("focal", declared, Map.of("gamma", 0)).number("gamma")).isZero();
    assertThatThrownBy(() -> Parameters.validate("focal", declared, Map.of("gamma", -0.5)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("focal: gamma (-0.5) must be >= 0");
  }

  @Test
  void closedRange() {
    List<Parameter> declared = List.of(Parameter.number("alpha", 0.25, Range.closed(0, 1), "balance"));

    assertThat(Parameters.validate("focal", declared, Map.of("alpha", 0)).number("alpha")).isZero();
    assertThat(Parameters.validate("focal", declared, Map.of("alpha", 1)).number("alpha")).isEqualTo(1.0);
    assertThatThrownBy(() -> Parameters.validate("focal", declared, Map.of("alpha", 1.5)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("focal: alpha (1.5) must be in [0, 1]");
    assertThatThrownBy(() -> Parameters.validate("focal", declared, Map.of("alpha", -1)))
        .hasMessage("focal: alpha (-1) must be in [0, 1]");
  }

  @Test
  void openRange() {
    List<Parameter> declared = List.of(Parameter.number("tau", 0.5, Range.open(0, 1), "quantile"));

    assertThat(Parameters.validate("pinball", declared, Map.of("tau", 0.9)).number("tau")).isEqualTo(0.9);
    assertThatThrownBy(() -> Parameters.validate("pinball", declared, Map.of("tau", 0)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("pinball: tau (0) must be in (0, 1)");
    assertThatThrownBy(() -> Parameters.validate("pinball", declared, Map.of("tau", 1.0)))
        .hasMessage("pinball: tau (1.0) must be in (0, 1)");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nanAndInfinityAreNeverANumber(double value) {
    assertThat(huberRejects(Map.of("delta", value))).hasMessage("huber: delta (" + value + ") must be > 0");

    List<Parameter> unbounded = List.of(Parameter.number("shift", 0.0, Range.all(), "any shift"));
    assertThatThrownBy(() -> Parameters.validate("shifted", unbounded, Map.of("shift", value)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("shifted: shift (" + value + ") must be a finite number");
  }

  @Test
  void nanAsAFloatIsRejectedToo() {
    assertThat(huberRejects(Map.of("delta", Float.NaN))).hasMessage("huber: delta (NaN) must be > 0");
  }

  @Test
  void choiceTypoSuggestsTheClosestChoice() {
    assertThat(huberRejects(Map.of("reduction", "meen")))
        .hasMessage("huber: reduction (\"meen\") must be one of mean, sum, none; did you mean mean?");
    assertThat(huberRejects(Map.of("reduction", "SUM")))
        .hasMessage("huber: reduction (\"SUM\") must be one of mean, sum, none; did you mean sum?");
  }

  @Test
  void choiceWithNothingCloseListsTheChoices() {
    assertThat(huberRejects(Map.of("reduction", "average")))
        .hasMessage("huber: reduction (\"average\") must be one of mean, sum, none");
    assertThat(huberRejects(Map.of("reduction", true)))
        .hasMessage("huber: reduction must be one of mean, sum, none, got true (a boolean)");
  }

  @Test
  void readingAnUndeclaredNameIsAProgrammingError() {
    Parameters parameters = huber(Map.of());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parameters.number("gamma"));
    assertThat(e).hasMessage("huber declares no parameter \"gamma\"");
  }

  @Test
  void isImmutableAndComparesByValue() {
    Parameters parameters = huber(Map.of("delta", 2));

    assertThrows(UnsupportedOperationException.class, () -> parameters.asMap().put("delta", 3.0));
    assertThat(parameters).isEqualTo(huber(Map.of("delta", 2.0))).hasSameHashCodeAs(huber(Map.of("delta", 2.0)));
    assertThat(parameters).isNotEqualTo(huber(Map.of("delta", 3.0)));
    assertThat(parameters).isNotEqualTo(Parameters.validate("smooth_l1", HUBER, Map.of("delta", 2.0)));
  }
}
