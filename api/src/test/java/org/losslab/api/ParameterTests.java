package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterTests {

  @Test
  void factoriesSetTypeDefaultAndRange() {
    Parameter delta = Parameter.number("delta", 1.0, Range.greaterThan(0), "where the loss turns linear");
    assertThat(delta.type()).isEqualTo(ParameterType.NUMBER);
    assertThat(delta.defaultValue()).isEqualTo(1.0);
    assertThat(delta.range()).isEqualTo(Range.greaterThan(0));
    assertThat(delta.choices()).isEmpty();

    Parameter k = Parameter.integer("k", 3, Range.atLeast(1), "neighbours");
    assertThat(k.type()).isEqualTo(ParameterType.INTEGER);
    assertThat(k.defaultValue()).isEqualTo(3);

    Parameter flag = Parameter.bool("from_logits", false, "raw scores");
    assertThat(flag.type()).isEqualTo(ParameterType.BOOLEAN);
    assertThat(flag.defaultValue()).isEqualTo(false);
  }

  @Test
  void allowedSaysWhatValuesAreAllowedInWords() {
    assertThat(Parameter.number("delta", 1.0, Range.greaterThan(0), "d").allowed()).isEqualTo("> 0");
    assertThat(Parameter.integer("k", 1, Range.closed(1, 10), "k").allowed()).isEqualTo("[1, 10]");
    assertThat(Parameter.bool("flag", true, "f").allowed()).isEqualTo("true or false");
    assertThat(Parameter.REDUCTION.allowed()).isEqualTo("one of mean, sum, none");
  }

  @Test
  void reductionDefaultsToMean() {
    assertThat(Parameter.REDUCTION.name()).isEqualTo("reduction");
    assertThat(Parameter.REDUCTION.defaultValue()).isEqualTo("mean");
    assertThat(Parameter.REDUCTION.choices()).containsExactly("mean", "sum", "none");
  }

  @Test
  void rejectsADefaultOutsideItsRangeOrChoices() {
    IllegalArgumentException number = assertThrows(IllegalArgumentException.class,
        () -> Parameter.number("delta", -1.0, Range.greaterThan(0), "d"));
    assertThat(number).hasMessage("delta: default -1.0 is outside > 0");

    IllegalArgumentException integer = assertThrows(IllegalArgumentException.class,
        () -> Parameter.integer("k", 0, Range.atLeast(1), "k"));
    assertThat(integer).hasMessage("k: default 0 is outside >= 1");

    IllegalArgumentException choice = assertThrows(IllegalArgumentException.class,
        () -> Parameter.choice("log_base", "10", List.of("e", "2"), "base"));
    assertThat(choice).hasMessage("log_base: default 10 is not one of [e, 2]");
  }

  @Test
  void rejectsANameThatIsNotSnakeCase() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parameter.number("Delta", 1.0, Range.all(), "d"));
    assertThat(e).hasMessage("parameter name \"Delta\" must be snake_case");
  }

  @Test
  void copiesItsChoices() {
    List<String> choices = new java.util.ArrayList<>(List.of("a", "b"));
    Parameter parameter = Parameter.choice("mode", "a", choices, "m");

    choices.add("c");

    assertThat(parameter.choices()).containsExactly("a", "b");
  }
}
