package org.losslab.runner.properties;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import org.losslab.api.Domains;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Range;

/**
 * Arbitraries read off what a loss declares: valid parameters from each {@link Parameter}, and inputs inside the
 * {@link Domains} the configured loss accepts. A loss registered tomorrow is generated for by the same code.
 */
final class Generators {
  /** Width of the window an unbounded range is sampled in, next to its finite end (or around 0). */
  private static final double WINDOW = 10;
  /** Magnitude of the large reals (p, y up to 10⁶: |p − y|² stays far from overflow, as MSE documents). */
  private static final double LARGE = 1e6;
  /** Magnitude of the large logits: σ(±10³) is 0 or 1 in double, the saturated case. */
  private static final double LARGE_LOGIT = 1e3;
  /**
   * How close to 0 a generated probability gets (other than 0 itself): 10⁻¹⁵⁰. Below about 10⁻¹⁵⁴ the exact second
   * derivative of −log p, 1/p², is itself beyond Double.MAX_VALUE, so +∞ there is correct rounding, not a defect.
   */
  private static final int SMALLEST_EXPONENT = -150;

  private static final int MAX_ROWS = 4;
  private static final int MAX_COLUMNS = 3;

  private Generators() {}

  /** A loss configured with random valid values of every parameter it declares, reduction included. */
  static Arbitrary<LossFunction> configured(LossProvider provider) {
    return parameters(Parameters.withReduction(provider.parameters())).map(provider::create);
  }

  /** A configured loss together with inputs inside its (parameter-dependent) domains. */
  record Case(LossFunction loss, Inputs inputs) {}

  /**
   * A configured loss and inputs inside the domains its parameters give it. The inputs are drawn for every domain at
   * once and cut to the loss's afterwards ({@link Draw}), not flat-mapped from the loss: jqwik then builds one
   * generator instead of one per try, and shrinks parameters and inputs independently.
   */
  static Arbitrary<Case> cases(LossProvider provider) {
    return Combinators.combine(configured(provider), draws())
        .as((loss, draw) -> new Case(loss, draw.inputs(loss.domains())));
  }

  /**
   * One of {@code choices}, each equally often. Without jqwik's edge cases, which it would take from the first choice
   * until their budget is spent (one loss in 40% of the tries); the generators here draw their special values
   * (0, 1, range ends, ε) themselves.
   */
  static <T> Arbitrary<T> evenly(List<Arbitrary<T>> choices) {
    return Arbitraries.oneOf(choices).withoutEdgeCases();
  }

  /** {@link #cases} of every registered loss, each loss equally often. */
  static Arbitrary<Case> everyLoss() {
    return evenly(Losses.providers().stream().map(Generators::cases).toList());
  }

  /** Random valid values for each of {@code parameters}, by name, in declaration order. */
  static Arbitrary<Map<String, Object>> parameters(List<Parameter> parameters) {
    List<Arbitrary<Object>> values = parameters.stream().map(Generators::value).toList();
    return Combinators.combine(values).as(drawn -> {
      Map<String, Object> byName = new LinkedHashMap<>();
      for (int i = 0; i < parameters.size(); i++) {
        byName.put(parameters.get(i).name(), drawn.get(i));
      }
      return byName;
    });
  }

  static Arbitrary<Object> value(Parameter parameter) {
    return switch (parameter.type()) {
      case NUMBER -> numbers(parameter.range()).map(Object.class::cast);
      case INTEGER -> integers(parameter.range()).map(Object.class::cast);
      case BOOLEAN -> Arbitraries.of(true, false).map(Object.class::cast);
      case CHOICE -> Arbitraries.of(parameter.choices()).map(Object.class::cast);
    };
  }

  /**
   * Numbers inside {@code range}: its closed ends themselves, points 10⁻⁹ … 10 inside each finite end (where
   * ε-like parameters live), and uniform draws. An unbounded end is replaced by a window of {@value #WINDOW}
   * beside the other end, [−5, 5] when both are unbounded; open ends are never drawn.
   */
  static Arbitrary<Double> numbers(Range range) {
    boolean lowerFinite = Double.isFinite(range.lower());
    boolean upperFinite = Double.isFinite(range.upper());
    double lo = lowerFinite ? range.lower() : upperFinite ? range.upper() - WINDOW : -WINDOW / 2;
    double hi = upperFinite ? range.upper() : lo + WINDOW;
    if (lo == hi) {
      return Arbitraries.just(lo); // a closed one-point range; Range itself rejects lower > upper
    }
    double maxExponent = Math.floor(100 * Math.log10(hi - lo)) / 100; // jqwik's bounds must fit its scale of 2
    Arbitrary<Double> uniform =
        Arbitraries.doubles().between(lo, !lowerFinite || range.lowerClosed(), hi, !upperFinite || range.upperClosed())
            .ofScale(9);
    Arbitrary<Double> nearLower = Arbitraries.doubles().between(-9, maxExponent).map(e -> lo + Math.pow(10, e));
    Arbitrary<Double> nearUpper = Arbitraries.doubles().between(-9, maxExponent).map(e -> hi - Math.pow(10, e));
    List<Double> ends = new ArrayList<>();
    if (lowerFinite && range.lowerClosed()) {
      ends.add(lo);
    }
    if (upperFinite && range.upperClosed()) {
      ends.add(hi);
    }
    List<Tuple2<Integer, Arbitrary<Double>>> choices = new ArrayList<>();
    choices.add(Tuple.of(4, uniform));
    if (lowerFinite) {
      choices.add(Tuple.of(2, nearLower.filter(range::contains)));
    }
    if (upperFinite) {
      choices.add(Tuple.of(2, nearUpper.filter(range::contains)));
    }
    if (!ends.isEmpty()) {
      choices.add(Tuple.of(1, Arbitraries.of(ends)));
    }
    return Arbitraries.frequencyOf(choices);
  }

  /** Whole numbers inside {@code range}, unbounded ends windowed as {@link #numbers}. */
  static Arbitrary<Integer> integers(Range range) {
    double lower = Double.isFinite(range.lower()) ? range.lower()
        : Double.isFinite(range.upper()) ? range.upper() - WINDOW : -WINDOW / 2;
    double upper = Double.isFinite(range.upper()) ? range.upper() : lower + WINDOW;
    int min = (int) Math.ceil(lower);
    int max = (int) Math.floor(upper);
    if (min == range.lower() && !range.lowerClosed()) {
      min++;
    }
    if (max == range.upper() && !range.upperClosed()) {
      max--;
    }
    return Arbitraries.integers().between(min, max);
  }

  /**
   * Probabilities in [0, 1]: exactly 0, ½ and 1 and the default ε = 10⁻⁷ and 1 − 10⁻⁷, uniform draws, and points
   * 10⁻¹⁵⁰ … 10⁻¹ from 0 and 10⁻¹⁶ … 10⁻¹ from 1 (the ends, where logarithms and clipping act).
   */
  static Arbitrary<Double> probabilities() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.of(0.0, 1.0, 0.5, 1e-7, 1 - 1e-7)),
        Tuple.of(4, Arbitraries.doubles().between(0, 1).ofScale(12)),
        Tuple.of(2, Arbitraries.doubles().between(SMALLEST_EXPONENT, -1).map(e -> Math.pow(10, e))),
        Tuple.of(2, Arbitraries.doubles().between(-16, -1).map(e -> 1 - Math.pow(10, e))));
  }

  /** Finite reals: 0 and ±1, values in [−10, 10], and values up to ±{@value #LARGE}. */
  static Arbitrary<Double> reals() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(0.0, 1.0, -1.0, LARGE, -LARGE)),
        Tuple.of(4, Arbitraries.doubles().between(-10, 10).ofScale(9)),
        Tuple.of(2, Arbitraries.doubles().between(-LARGE, LARGE).ofScale(6)));
  }

  /** Finite logits: 0, ±36 (where σ rounds to 1), ±{@value #LARGE_LOGIT}, [−10, 10], and up to ±10³. */
  static Arbitrary<Double> logits() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(0.0, 36.0, -36.0, LARGE_LOGIT, -LARGE_LOGIT)),
        Tuple.of(4, Arbitraries.doubles().between(-10, 10).ofScale(9)),
        Tuple.of(2, Arbitraries.doubles().between(-LARGE_LOGIT, LARGE_LOGIT).ofScale(6)));
  }

  /**
   * Material for a batch of up to {@value #MAX_ROWS} x {@value #MAX_COLUMNS} in any domain: for each element a
   * probability, a real and a logit, and a real and a 0/1 label; a class per row; weights or none.
   */
  record Draw(int rows, int columns, double[] probabilities, double[] reals, double[] logits, double[] realLabels,
      double[] binaryLabels, double[] classes, boolean classIndices, double[] weights) {

    /**
     * The batch of {@code rows} x {@code columns} in these domains: element-wise labels, or for
     * {@link LabelDomain#CLASS} a class index or one-hot row per row (always an index with one column, where a one-hot
     * [1] would read as class index 1).
     */
    Inputs inputs(Domains domains) {
      int size = rows * columns;
      double[] predictions = Arrays.copyOf(switch (domains.predictions()) {
        case PROBABILITY -> probabilities;
        case REAL -> reals;
        case LOGIT -> logits;
      }, size);
      double[] rowWeights = Arrays.copyOf(weights, Math.min(weights.length, rows));
      if (domains.labels() == LabelDomain.CLASS) {
        double[] index = new double[rows];
        for (int row = 0; row < rows; row++) {
          index[row] = classes[row] % columns;
        }
        return classIndices || columns == 1
            ? new Inputs(rows, columns, predictions, index, true, rowWeights)
            : new Inputs(rows, columns, predictions, oneHot(index, columns), false, rowWeights);
      }
      double[] labels = new double[size];
      for (int i = 0; i < size; i++) {
        labels[i] = switch (domains.labels()) {
          case REAL -> realLabels[i];
          case BINARY -> binaryLabels[i];
          case SIGN -> 2 * binaryLabels[i] - 1;
          case CLASS -> throw new AssertionError("class labels are rows");
        };
      }
      return new Inputs(rows, columns, predictions, labels, false, rowWeights);
    }
  }

  /** Draws, with some weight positive among the rows used (the API refuses all-zero weights). */
  static Arbitrary<Draw> draws() {
    int most = MAX_ROWS * MAX_COLUMNS;
    Arbitrary<Shape> shapes = Combinators.combine(Arbitraries.integers().between(1, MAX_ROWS),
        Arbitraries.integers().between(1, MAX_COLUMNS), Arbitraries.of(true, false)).as(Shape::new);
    Arbitrary<double[]> classes =
        arrays(Arbitraries.integers().between(0, MAX_COLUMNS - 1).map(k -> (double) k), MAX_ROWS);
    Arbitrary<double[]> weights = Arbitraries.oneOf(Arbitraries.just(new double[0]), arrays(weight(), MAX_ROWS));
    return Combinators.combine(shapes, arrays(probabilities(), most), arrays(reals(), most), arrays(logits(), most),
            arrays(reals(), most), arrays(Arbitraries.of(0.0, 1.0), most), classes, weights)
        .as((shape, p, r, x, realLabels, binaryLabels, k, w) -> new Draw(shape.rows(), shape.columns(), p, r, x,
            realLabels, binaryLabels, k, shape.classIndices(), w))
        .filter(draw -> draw.weights().length == 0 || Arrays.stream(draw.weights(), 0, draw.rows()).sum() > 0);
  }

  /** N, M, and whether class labels come as indices (else one-hot rows). */
  private record Shape(int rows, int columns, boolean classIndices) {}

  /** A sample weight: 0 or in [0.1, 10]. */
  static Arbitrary<Double> weight() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0.0)), Tuple.of(4, Arbitraries.doubles().between(0.1, 10).ofScale(3)));
  }

  static Arbitrary<double[]> arrays(Arbitrary<Double> elements, int size) {
    return elements.list().ofSize(size).map(list -> list.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double[] oneHot(double[] classes, int columns) {
    double[] rows = new double[classes.length * columns];
    for (int row = 0; row < classes.length; row++) {
      rows[row * columns + (int) classes[row]] = 1;
    }
    return rows;
  }
}
