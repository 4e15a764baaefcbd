package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A loss's parameters after validation: every declared parameter present (defaults filled in), each of its
 * declared type and inside its declared range. Immutable.
 *
 * <p>Values are {@code Double} for numbers, {@code Integer} for integers, {@code Boolean} and {@code String}.
 */
@API(status = STABLE, since = "0.1")
public final class Parameters {
  private final String loss;
  private final Map<String, Object> values;

  private Parameters(String loss, Map<String, Object> values) {
    this.loss = loss;
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Validates {@code given} against what the loss declares (plus {@link Parameter#REDUCTION}, which every loss
   * takes) and fills in defaults.
   *
   * @param loss the loss's id, for messages
   * @param declared the loss's own parameters
   * @param given the values a user supplied, by name; may be empty
   * @throws InvalidParameterException naming the loss, the parameter, the value and what is allowed, for an
   *     unknown name, a value of the wrong type, or one out of range
   */
  public static Parameters validate(String loss, List<Parameter> declared, Map<String, ?> given) {
    Map<String, Parameter> byName = new LinkedHashMap<>();
    for (Parameter parameter : withReduction(declared)) {
      byName.put(parameter.name(), parameter);
    }
    for (String name : given.keySet()) {
      if (!byName.containsKey(name)) {
        throw new InvalidParameterException(loss, name, loss + ": unknown parameter \"" + name + "\""
            + Suggestions.hint(name, byName.keySet()) + " (" + loss + " takes " + String.join(", ", byName.keySet()) + ")");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Parameter parameter : byName.values()) {
      values.put(parameter.name(), given.containsKey(parameter.name())
          ? convert(loss, parameter, given.get(parameter.name()))
          : parameter.defaultValue());
    }
    return new Parameters(loss, values);
  }

  /** The loss's declared parameters followed by {@code reduction} (unless the loss declares its own). */
  public static List<Parameter> withReduction(List<Parameter> declared) {
    List<Parameter> all = new ArrayList<>(declared);
    if (declared.stream().noneMatch(p -> p.name().equals(Parameter.REDUCTION.name()))) {
      all.add(Parameter.REDUCTION);
    }
    return List.copyOf(all);
  }

  private static Object convert(String loss, Parameter parameter, @Nullable Object raw) {
    String name = parameter.name();
    switch (parameter.type()) {
      case NUMBER -> {
        if (!(raw instanceof Number number)) {
          throw wrongType(loss, parameter, raw);
        }
        double value = number.doubleValue();
        if (!parameter.range().contains(value)) {
          throw outOfRange(loss, parameter, raw);
        }
        return value;
      }
      case INTEGER -> {
        if (!(raw instanceof Number number) || !isWhole(number)) {
          throw wrongType(loss, parameter, raw);
        }
        double value = number.doubleValue();
        if (!parameter.range().contains(value)) {
          throw outOfRange(loss, parameter, raw);
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
          throw new InvalidParameterException(loss, name, loss + ": " + name + " (" + describe(raw)
              + ") is outside the integer range [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]");
        }
        return (int) value;
      }
      case BOOLEAN -> {
        if (!(raw instanceof Boolean value)) {
          throw wrongType(loss, parameter, raw);
        }
        return value;
      }
      case CHOICE -> {
        String text;
        if (raw instanceof String string) {
          text = string;
        } else if (raw instanceof Number number && isWhole(number)) {
          text = Long.toString(number.longValue());
        } else {
          throw wrongType(loss, parameter, raw);
        }
        if (!parameter.choices().contains(text)) {
          throw new InvalidParameterException(loss, name, loss + ": " + name + " (" + describe(raw) + ") must be "
              + parameter.allowed() + Suggestions.hint(text, parameter.choices()));
        }
        return text;
      }
    }
    throw new AssertionError(parameter.type());
  }

  private static boolean isWhole(Number number) {
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
        || number instanceof BigInteger) {
      return true;
    }
    if (number instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().scale() <= 0;
    }
    double value = number.doubleValue();
    return Double.isFinite(value) && value == Math.rint(value);
  }

  private static InvalidParameterException wrongType(String loss, Parameter parameter, @Nullable Object raw) {
    String expected = switch (parameter.type()) {
      case NUMBER -> "a number";
      case INTEGER -> "a whole number";
      case BOOLEAN -> "true or false";
      case CHOICE -> parameter.allowed();
    };
    return new InvalidParameterException(loss, parameter.name(),
        loss + ": " + parameter.name() + " must be " + expected + ", got " + describe(raw) + " (" + typeName(raw) + ")");
  }

  private static InvalidParameterException outOfRange(String loss, Parameter parameter, Object raw) {
    // An unbounded range rejects only NaN and ±∞, which "must be any number" would not explain.
    Range range = parameter.range();
    String allowed = range.lower() == Double.NEGATIVE_INFINITY && range.upper() == Double.POSITIVE_INFINITY
        ? "a finite number" : parameter.allowed();
    if (allowed.startsWith("[") || allowed.startsWith("(")) {
      allowed = "in " + allowed;
    }
    return new InvalidParameterException(loss, parameter.name(),
        loss + ": " + parameter.name() + " (" + describe(raw) + ") must be " + allowed);
  }

  private static String describe(@Nullable Object raw) {
    return raw instanceof String ? "\"" + raw + "\"" : String.valueOf(raw);
  }

  private static String typeName(@Nullable Object raw) {
    if (raw == null) {
      return "null";
    }
    if (raw instanceof String) {
      return "a string";
    }
    if (raw instanceof Number) {
      return "a number";
    }
    if (raw instanceof Boolean) {
      return "a boolean";
    }
    if (raw instanceof List) {
      return "a list";
    }
    if (raw instanceof Map) {
      return "a mapping";
    }
    return raw.getClass().getSimpleName();
  }

  /** The id of the loss these parameters belong to. */
  public String loss() {
    return loss;
  }

  /** The value of a number parameter. */
  public double number(String name) {
    return ((Number) get(name)).doubleValue();
  }

  /** The value of an integer parameter. */
  public int integer(String name) {
    return (Integer) get(name);
  }

  /** The value of a boolean parameter. */
  public boolean bool(String name) {
    return (Boolean) get(name);
  }

  /** The value of a choice parameter. */
  public String choice(String name) {
    return (String) get(name);
  }

  /** The reduction every loss takes. */
  public Reduction reduction() {
    return Reduction.fromId(choice(Parameter.REDUCTION.name()));
  }

  /** Every parameter with its value, in declaration order, defaults included. */
  public Map<String, Object> asMap() {
    return values;
  }

  private Object get(String name) {
    Object value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(loss + " declares no parameter \"" + name + "\"");
    }
    return value;
  }

  /** {@code delta=2.0, reduction=mean}. */
  @Override
  public String toString() {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Parameters that && loss.equals(that.loss) && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(loss, values);
  }
}
