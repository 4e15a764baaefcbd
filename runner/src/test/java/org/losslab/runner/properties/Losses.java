package org.losslab.runner.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.api.Batch;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.api.Task;

/** The losses on the runner's class path, one-element evaluation, and comparison with a stated tolerance. */
final class Losses {
  /** Loaded once: every property draws from the same providers, as the CLI sees them. */
  static final LossRegistry REGISTRY = LossRegistry.load();

  private Losses() {}

  static LossFunction create(String id, Map<String, ?> parameters) {
    return REGISTRY.create(id, parameters);
  }

  /** The same loss with some parameters changed: {@code with(huber, Map.of("reduction", "sum"))}. */
  static LossFunction with(LossFunction loss, Map<String, ?> changes) {
    Map<String, Object> parameters = new LinkedHashMap<>(loss.parameters().asMap());
    parameters.putAll(changes);
    return create(loss.name(), parameters);
  }

  static List<LossProvider> providers() {
    return REGISTRY.providers();
  }

  static List<LossProvider> providers(Task task) {
    return REGISTRY.providers().stream().filter(provider -> provider.task() == task).toList();
  }

  /** ℓ, ∂ℓ/∂p and ∂²ℓ/∂p² of an element-wise loss at one prediction against one label. */
  record Point(double value, double first, double second) {}

  static Point at(LossFunction loss, double prediction, double label) {
    Batch batch = Batch.of(new double[] {prediction}, new double[] {label});
    return new Point(loss.values(batch)[0], loss.firstDerivatives(batch)[0], loss.secondDerivatives(batch)[0]);
  }

  /**
   * Asserts |actual − expected| ≤ tolerance; infinite expectations must be met exactly (same sign), and NaN is never
   * close to anything.
   */
  static void assertClose(String what, double actual, double expected, double tolerance) {
    if (Double.isInfinite(expected) || Double.isNaN(expected)) {
      assertThat(actual).as(what).isEqualTo(expected);
    } else {
      assertThat(actual).as(what).isCloseTo(expected, within(tolerance));
    }
  }

  /**
   * {@link #assertClose} for every element, with a tolerance relative to the larger magnitude of each pair; 0 asks
   * for bit-for-bit agreement (up to the sign of 0).
   */
  static void assertCloseRelative(String what, double[] actual, double[] expected, double relative) {
    assertThat(actual).as(what + ": length").hasSameSizeAs(expected);
    // Subnormal results round in absolute steps of Double.MIN_VALUE, where a relative bound means nothing.
    double floor = relative == 0 ? 0 : 8 * Double.MIN_VALUE;
    for (int i = 0; i < actual.length; i++) {
      double scale = Math.max(Math.abs(actual[i]), Math.abs(expected[i]));
      assertClose(what + "[" + i + "]", actual[i], expected[i],
          relative * (Double.isFinite(scale) ? scale : 0) + floor);
    }
  }

  /** Units in the last place of 1, 2⁻⁵²: the rounding scale of a probability. */
  static final double ULP_OF_ONE = Math.ulp(1.0);
}
