package org.losslab.runner.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.DoubleStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.losslab.api.Batch;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossException;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.PredictionDomain;
import org.losslab.api.Reduction;
import org.losslab.runner.properties.Generators.Case;

/**
 * Finite inputs give finite outputs, over every registered loss with random valid parameters: value, values,
 * gradient and both element-wise derivatives. The only infinities allowed are the exact limits the losses document,
 * each listed in {@link #limit} with where it is documented.
 */
@Label("Finite inputs give finite outputs")
class FiniteOutputsTests {
  /** The losses that share {@code ModulatedCrossEntropy} and so its documented limits. */
  private static final Set<String> BINARY_CROSS_ENTROPIES =
      Set.of("binary_cross_entropy", "weighted_cross_entropy", "balanced_cross_entropy", "focal");
  private static final String CATEGORICAL = "categorical_cross_entropy";

  @Example
  @Label("Every built-in loss is registered, and nothing failed to load")
  void everyLossIsRegistered() {
    assertThat(Losses.REGISTRY.problems()).isEmpty();
    assertThat(Losses.providers()).extracting(LossProvider::id).contains("mse", "l1", "mbe", "huber", "smooth_l1",
        "log_cosh", "binary_cross_entropy", "weighted_cross_entropy", "balanced_cross_entropy", "focal", "hinge",
        "squared_hinge", "categorical_cross_entropy");
  }

  @Provide
  Arbitrary<Case> everyLoss() {
    return Generators.everyLoss();
  }

  @Property(tries = 2000)
  @StatisticsReport(onFailureOnly = true)
  @Label("Every loss, with random valid parameters, is finite on finite inputs except at its documented limits")
  void everyLossIsFiniteOnFiniteInputs(@ForAll("everyLoss") Case sample) {
    LossFunction loss = sample.loss();
    Inputs inputs = sample.inputs();
    Batch batch = inputs.batch();
    double[] values = loss.values(batch);
    double[] first = loss.firstDerivatives(batch);
    double[] second = loss.secondDerivatives(batch);
    double[] gradient = loss.gradient(batch);
    boolean rowwise = values.length != first.length; // one value per row (with one column, the two agree)
    boolean[] infiniteValue = new boolean[values.length];

    for (int i = 0; i < first.length; i++) {
      Limit limit = limit(loss, inputs, i);
      Statistics.label("limit").collect(limit);
      String at = loss + " at element " + i + " of " + inputs + ": ";
      switch (limit) {
        case NONE -> {
          assertThat(first[i]).as(at + "first derivative").isFinite();
          assertThat(second[i]).as(at + "second derivative").isFinite();
        }
        case TRUE_CLASS_IMPOSSIBLE -> {
          // ℓ = +∞; raising the probability of the true class lowers it without bound.
          double towardsTrueClass = inputs.label(i) > 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
          assertThat(first[i]).as(at + "first derivative").isEqualTo(towardsTrueClass);
          assertThat(second[i]).as(at + "second derivative").isEqualTo(Double.POSITIVE_INFINITY);
          infiniteValue[rowwise ? i / inputs.columns() : i] = true;
        }
        case FOCAL_CERTAIN -> {
          assertThat(first[i]).as(at + "first derivative").isFinite();
          assertThat(second[i]).as(at + "second derivative").isEqualTo(Double.POSITIVE_INFINITY);
        }
      }
      double weight = inputs.weight(i / inputs.columns());
      if (weight > 0) {
        // The gradient is the derivative times a positive factor, so it is finite exactly where the derivative is.
        if (Double.isFinite(first[i])) {
          assertThat(gradient[i]).as(at + "gradient").isFinite();
        } else {
          assertThat(gradient[i]).as(at + "gradient").isEqualTo(first[i]);
        }
      } else if (Double.isFinite(first[i])) {
        assertThat(gradient[i]).as(at + "gradient of a zero-weight row").isZero();
      } // else 0·∞ = NaN, an api defect: see zeroWeightRowsAddNothingToTheGradient
    }

    boolean anyInfinite = false;
    for (int i = 0; i < values.length; i++) {
      double weight = inputs.weight(rowwise ? i : i / inputs.columns());
      boolean infinite = infiniteValue[i] && weight > 0; // a zero weight removes the row, +∞ included
      anyInfinite |= infinite;
      if (infinite) {
        assertThat(values[i]).as(loss + ": value " + i + " of " + inputs).isEqualTo(Double.POSITIVE_INFINITY);
      } else {
        assertThat(values[i]).as(loss + ": value " + i + " of " + inputs).isFinite();
      }
    }
    if (loss.reduction() == Reduction.NONE) {
      assertThatThrownBy(() -> loss.value(batch)).isInstanceOf(LossException.class);
    } else {
      double value = loss.value(batch);
      if (anyInfinite) {
        assertThat(value).as(loss + ": reduced value of " + inputs).isEqualTo(Double.POSITIVE_INFINITY);
      } else {
        assertThat(value).as(loss + ": reduced value of " + inputs).isFinite();
      }
    }
    // The documented limits must actually be reached, or their branch above proves nothing.
    Statistics.label("limit").coverage(coverage -> coverage.check(Limit.TRUE_CLASS_IMPOSSIBLE).count(n -> n > 0));
    Statistics.label("loss").collect(loss.name());
    Statistics.label("loss").coverage(coverage -> {
      for (LossProvider provider : Losses.providers()) {
        coverage.check(provider.id()).count(n -> n > 0);
      }
    });
  }

  @Provide
  Arbitrary<Case> confidentProbabilities() {
    // Losses that take probabilities under their defaults, configured (from_logits, say) so that they still do.
    return Generators.evenly(Losses.providers().stream()
        .filter(provider -> takesProbabilities(provider.domains().predictions()))
        .map(provider -> Combinators.combine(
                Generators.configured(provider).filter(loss -> takesProbabilities(loss.domains().predictions())),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2), Arbitraries.of(0.0, 1.0),
                Generators.arrays(distances(), 3))
            .as((loss, columns, target, label, t) -> new Case(loss, confident(loss, columns, target, label, t))))
        .toList());
  }

  private static boolean takesProbabilities(PredictionDomain domain) {
    return domain == PredictionDomain.PROBABILITY;
  }

  /** t from 10⁻¹ down to the smallest subnormal. */
  private static Arbitrary<Double> distances() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(Double.MIN_VALUE, Double.MIN_NORMAL, 1e-310)),
        Tuple.of(4, Arbitraries.doubles().between(-323, -1).map(e -> Math.pow(10, e))));
  }

  /**
   * Predictions a distance t from their label: the true class gets probability 1 − t (which rounds to 1 for t below
   * 10⁻¹⁶), every other class t; one element for a binary loss, one row of {@code columns} for a class-labelled one.
   */
  private static Inputs confident(LossFunction loss, int columns, int target, double label, double[] t) {
    if (loss.domains().labels() == LabelDomain.CLASS) {
      int trueClass = target % columns;
      double[] p = Arrays.copyOf(t, columns);
      p[trueClass] = 1 - t[trueClass];
      return new Inputs(1, columns, p, new double[] {trueClass}, true, new double[0]);
    }
    return Inputs.elementwise(1, new double[] {label == 1 ? 1 - t[0] : t[0]}, new double[] {label});
  }

  @Property(tries = 600)
  @Label("A confident right prediction, even a subnormal distance from its label, has a finite loss and slope")
  void confidentRightPredictionsAreFinite(@ForAll("confidentProbabilities") Case sample) {
    Batch batch = sample.inputs().batch();
    assertThat(DoubleStream.of(sample.loss().values(batch))).as(sample + ": values")
        .allMatch(Double::isFinite);
    assertThat(DoubleStream.of(sample.loss().firstDerivatives(batch))).as(sample + ": first derivatives")
        .allMatch(Double::isFinite);
    // The second derivative is left out: for focal with γ < 1 it grows as s̄^(γ−1), which exceeds Double.MAX_VALUE
    // for subnormal s̄, so +∞ there is the correctly rounded value.
  }

  @Property(tries = 200)
  @Label("A zero-weight row adds nothing to the gradient, even where its derivative is infinite")
  void zeroWeightRowsAddNothingToTheGradient(@ForAll("everyLoss") Case sample) {
    Inputs inputs = sample.inputs();
    double[] gradient = sample.loss().gradient(inputs.batch());
    for (int i = 0; i < gradient.length; i++) {
      if (inputs.weight(i / inputs.columns()) == 0) {
        assertThat(gradient[i]).as(sample + ": gradient " + i).isZero();
      }
    }
  }

  /** Where an element sits at a documented exact limit of its loss. */
  enum Limit {
    NONE,
    /**
     * The true class has probability exactly 0 after the epsilon transform (s = 0): ℓ = +∞, ∂ℓ/∂p = ∓∞,
     * ∂²ℓ/∂p² = +∞. {@code ModulatedCrossEntropy}: "At s = 0 the exact limits are ℓ = +∞, f' = −∞, f'' = +∞";
     * {@code CrossEntropyOptions}: "scale only keeps q below 1: p = 0 with label 1 still costs −log 0 = +∞". Reached
     * with {@code epsilon_mode: scale} at p = 0, y = 1, and with {@code epsilon: 0} (which keeps nothing away from
     * 0 and 1) at either end.
     */
    TRUE_CLASS_IMPOSSIBLE,
    /**
     * Focal loss with 0 &lt; γ &lt; 1 at a perfect prediction (s̄ = 0): ∂²ℓ/∂p² = +∞. {@code FocalLoss}: "For 0 &lt; γ
     * &lt; 1 the second derivative is +∞ exactly at a perfect prediction (s̄ = 0)"; reached under scale mode at
     * p = 0, y = 0, and with {@code epsilon: 0}.
     */
    FOCAL_CERTAIN
  }

  /** The documented limit element {@code index} is at, or {@link Limit#NONE}. */
  static Limit limit(LossFunction loss, Inputs inputs, int index) {
    Parameters parameters = loss.parameters();
    boolean crossEntropy = BINARY_CROSS_ENTROPIES.contains(loss.name()) || loss.name().equals(CATEGORICAL);
    if (!crossEntropy || parameters.bool("from_logits")) {
      return Limit.NONE; // from logits every loss is finite for finite x (BinaryCrossEntropy, FocalLoss)
    }
    double y = inputs.label(index);
    double q = probability(parameters, inputs.predictions()[index]);
    if (loss.name().equals(CATEGORICAL)) {
      return y > 0 && q == 0 ? Limit.TRUE_CLASS_IMPOSSIBLE : Limit.NONE;
    }
    if (classWeight(loss.name(), parameters, y) == 0) {
      return Limit.NONE; // "A class weight of 0 gives 0 everywhere, even where log s = −∞"
    }
    double s = y == 1 ? q : 1 - q;
    double sBar = y == 1 ? 1 - q : q;
    if (s == 0) {
      return Limit.TRUE_CLASS_IMPOSSIBLE;
    }
    if (sBar == 0 && loss.name().equals("focal")) {
      double gamma = parameters.number("gamma");
      return gamma > 0 && gamma < 1 ? Limit.FOCAL_CERTAIN : Limit.NONE;
    }
    return Limit.NONE;
  }

  /** q, as {@code CrossEntropyOptions} documents it: clamp(p, ε, 1 − ε) or p·(1 − ε). */
  private static double probability(Parameters parameters, double p) {
    double epsilon = parameters.number("epsilon");
    return parameters.choice("epsilon_mode").equals("clip")
        ? Math.min(Math.max(p, epsilon), 1 - epsilon)
        : p * (1 - epsilon);
  }

  /** c_y: the weight each loss's Javadoc gives the class of label y. */
  private static double classWeight(String id, Parameters parameters, double y) {
    return switch (id) {
      case "binary_cross_entropy" -> parameters.number(y == 1 ? "positive_weight" : "negative_weight");
      case "weighted_cross_entropy" -> y == 1 ? parameters.number("weight") : 1;
      case "balanced_cross_entropy" -> y == 1 ? parameters.number("beta") : 1 - parameters.number("beta");
      case "focal" -> y == 1 ? parameters.number("alpha") : 1 - parameters.number("alpha");
      default -> throw new IllegalArgumentException(id + " is not a binary cross-entropy");
    };
  }
}
