package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.losslab.api.LossFunction;
import org.losslab.api.LossRegistry;

/** What the tests share: losses created through the public registry, seeded random inputs, a relative tolerance. */
final class Fixtures {
  static final LossRegistry REGISTRY = LossRegistry.load();

  private Fixtures() {}

  /** The loss with this id, configured through the registry as a user would: {@code loss("focal", "gamma", 0.5)}. */
  static LossFunction loss(String id, Object... namesAndValues) {
    return REGISTRY.create(id, parameters(namesAndValues));
  }

  static Map<String, Object> parameters(Object... namesAndValues) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return parameters;
  }

  /**
   * Parameters from {@code "from_logits=true gamma=0.5 epsilon_mode=scale"}: {@code true}/{@code false} become
   * booleans, numbers doubles, anything else stays a string.
   */
  static Map<String, Object> configuration(String text) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (String pair : text.trim().split("\\s+")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] nameAndValue = pair.split("=", 2);
      parameters.put(nameAndValue[0], parse(nameAndValue[1]));
    }
    return parameters;
  }

  private static Object parse(String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    try {
      return Double.valueOf(value);
    } catch (NumberFormatException e) {
      return value;
    }
  }

  /** An AssertJ offset of {@code tolerance} relative to {@code expected}. */
  static Offset<Double> relative(double expected, double tolerance) {
    return Offset.offset(tolerance * Math.abs(expected));
  }

  /** Fails unless every value is finite (neither NaN nor ±∞), naming the first one that is not. */
  static void assertFinite(double[] values) {
    assertThat(Arrays.stream(values).boxed().toList()).allSatisfy(value -> assertThat(value).isFinite());
  }

  static double[] uniform(long seed, int n, double from, double to) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextDouble(from, to);
    }
    return values;
  }

  static double[] binaryLabels(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(2);
    }
    return labels;
  }

  static double[] signLabels(long seed, int n) {
    double[] labels = binaryLabels(seed, n);
    for (int i = 0; i < n; i++) {
      labels[i] = labels[i] == 1 ? 1 : -1;
    }
    return labels;
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /** The textbook sigmoid, naively: fine for the moderate logits the reference formulas are used on. */
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
