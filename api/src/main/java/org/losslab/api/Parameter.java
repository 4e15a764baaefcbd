package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A parameter a loss declares: its name, type, default, what values are allowed, and what it means.
 *
 * <p>Build one with {@link #number}, {@link #integer}, {@link #bool} or {@link #choice}.
 *
 * @param name the name users type, {@code snake_case}
 * @param type the value's type
 * @param defaultValue the value used when none is given: a {@code Double}, {@code Integer}, {@code Boolean} or
 *     {@code String} matching {@code type}
 * @param range the allowed numbers, for {@link ParameterType#NUMBER} and {@link ParameterType#INTEGER}
 * @param choices the allowed strings, for {@link ParameterType#CHOICE}; empty otherwise
 * @param description one line saying what the parameter does
 */
@API(status = STABLE, since = "0.1")
public record Parameter(
    String name, ParameterType type, Object defaultValue, Range range, List<String> choices, String description) {

  /** The {@code reduction} every loss takes; the framework adds it, providers need not declare it. */
  public static final Parameter REDUCTION =
      choice("reduction", "mean", List.of("mean", "sum", "none"), "how the batch reduces: mean, sum, or none (per element)");

  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(range, "range");
    choices = List.copyOf(choices);
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("parameter name \"" + name + "\" must be snake_case");
    }
  }

  /** A number parameter with a default and an allowed range. */
  public static Parameter number(String name, double defaultValue, Range range, String description) {
    if (!range.contains(defaultValue)) {
      throw new IllegalArgumentException(name + ": default " + defaultValue + " is outside " + range);
    }
    return new Parameter(name, ParameterType.NUMBER, defaultValue, range, List.of(), description);
  }

  /** An integer parameter with a default and an allowed range. */
  public static Parameter integer(String name, int defaultValue, Range range, String description) {
    if (!range.contains(defaultValue)) {
      throw new IllegalArgumentException(name + ": default " + defaultValue + " is outside " + range);
    }
    return new Parameter(name, ParameterType.INTEGER, defaultValue, range, List.of(), description);
  }

  /** A boolean parameter. */
  public static Parameter bool(String name, boolean defaultValue, String description) {
    return new Parameter(name, ParameterType.BOOLEAN, defaultValue, Range.all(), List.of(), description);
  }

  /** A parameter taking one of {@code choices}. */
  public static Parameter choice(String name, String defaultValue, List<String> choices, String description) {
    if (!choices.contains(defaultValue)) {
      throw new IllegalArgumentException(name + ": default " + defaultValue + " is not one of " + choices);
    }
    return new Parameter(name, ParameterType.CHOICE, defaultValue, Range.all(), choices, description);
  }

  /** What values are allowed, in words: {@code > 0}, {@code one of mean, sum, none}, {@code true or false}. */
  public String allowed() {
    return switch (type) {
      case NUMBER, INTEGER -> range.toString();
      case BOOLEAN -> "true or false";
      case CHOICE -> "one of " + String.join(", ", choices);
    };
  }
}
