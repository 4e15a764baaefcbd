package org.losslab.runner.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.losslab.api.Batch;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.Range;
import org.losslab.runner.properties.Losses.Point;

/**
 * The identities between losses that their Javadoc states, over random parameters: smooth L1 as scaled Huber and as
 * L1, the cross-entropy family as weightings of one another, logits against probabilities, and the reductions.
 */
@Label("Identities between losses")
class LossIdentitiesTests {
  /** The parameters the cross-entropy losses share ({@code CrossEntropyOptions}), from one that declares them. */
  private static final List<Parameter> SHARED_OPTIONS = Losses.REGISTRY.provider("binary_cross_entropy").parameters()
      .stream().filter(parameter -> List.of("from_logits", "epsilon", "epsilon_mode", "log_base")
          .contains(parameter.name())).toList();

  /** Two loss functions that must agree, on inputs both accept. */
  record Pair(LossFunction left, LossFunction right, Inputs inputs) {}

  /** Random values of the shared options, reduction included. */
  private static Arbitrary<Map<String, Object>> options() {
    List<Parameter> parameters = new ArrayList<>(SHARED_OPTIONS);
    parameters.add(Parameter.REDUCTION);
    return Generators.parameters(parameters);
  }

  /** {@code options} plus name-value pairs. */
  private static Map<String, Object> plus(Map<String, Object> options, Object... own) {
    Map<String, Object> parameters = new LinkedHashMap<>(options);
    for (int i = 0; i < own.length; i += 2) {
      parameters.put((String) own[i], own[i + 1]);
    }
    return parameters;
  }

  /** A pair built from random shared options and one number x from {@code range}, on inputs the left one accepts. */
  private static Arbitrary<Pair> pairs(Range range, BiFunction<Map<String, Object>, Double, LossFunction> left,
      BiFunction<Map<String, Object>, Double, LossFunction> right) {
    return Combinators.combine(options(), Generators.numbers(range), Generators.draws()).as((options, x, draw) -> {
      LossFunction first = left.apply(options, x);
      return new Pair(first, right.apply(options, x), draw.inputs(first.domains()));
    });
  }

  /**
   * The two compute the same {@code ModulatedCrossEntropy} with the same class weights and γ, so they must agree
   * bit for bit: tolerance 0.
   */
  private static void assertSameLoss(Pair pair) {
    Batch batch = pair.inputs().batch();
    String what = pair.left() + " against " + pair.right() + " on " + pair.inputs();
    Losses.assertCloseRelative(what + ": values", pair.left().values(batch), pair.right().values(batch), 0);
    Losses.assertCloseRelative(what + ": first derivatives", pair.left().firstDerivatives(batch),
        pair.right().firstDerivatives(batch), 0);
    Losses.assertCloseRelative(what + ": second derivatives", pair.left().secondDerivatives(batch),
        pair.right().secondDerivatives(batch), 0);
  }

  // ---- smooth L1, Huber and L1 --------------------------------------------------------------------------------

  @Provide
  Arbitrary<Double> positive() {
    return Generators.numbers(Range.greaterThan(0));
  }

  @Provide
  Arbitrary<Double> reals() {
    return Generators.reals();
  }

  /**
   * Relative tolerance 2⁻⁴⁹ (8 ulps): both sides are a handful of roundings of the same formula (Huber's branch-free
   * m·(|r| − m/2) then a division, against ½r²/β or |r| − β/2), with no cancellation (|r| − β/2 ≥ |r|/2 where used).
   */
  @Property(tries = 500)
  @Label("smooth_l1 with beta > 0 is huber with delta = beta, divided by beta")
  void smoothL1IsScaledHuber(@ForAll("positive") double beta, @ForAll("reals") double p, @ForAll("reals") double y) {
    Point smooth = Losses.at(Losses.create("smooth_l1", Map.of("beta", beta)), p, y);
    Point huber = Losses.at(Losses.create("huber", Map.of("delta", beta)), p, y);
    String at = "beta = delta = " + beta + " at p = " + p + ", y = " + y;
    double relative = 0x1p-49;
    Losses.assertClose(at + ": value", smooth.value(), huber.value() / beta, relative * smooth.value());
    Losses.assertClose(at + ": first derivative", smooth.first(), huber.first() / beta,
        relative * Math.abs(smooth.first()));
    // At |p − y| = β exactly each takes a documented side of the jump: Huber the inside (1), smooth L1 the outside
    // (0, as PyTorch's strict |r| < β).
    if (Math.abs(p - y) != beta) {
      Losses.assertClose(at + ": second derivative", smooth.second(), huber.second() / beta,
          relative * Math.abs(smooth.second()));
    }
  }

  @Property(tries = 300)
  @Label("smooth_l1 with beta = 0 is l1, derivatives included")
  void smoothL1WithBetaZeroIsL1(@ForAll("reals") double p, @ForAll("reals") double y) {
    Point smooth = Losses.at(Losses.create("smooth_l1", Map.of("beta", 0.0)), p, y);
    Point l1 = Losses.at(Losses.create("l1", Map.of()), p, y);
    String at = "at p = " + p + ", y = " + y;
    assertThat(smooth.value()).as(at + ": value").isEqualTo(l1.value());
    assertThat(smooth.first()).as(at + ": first derivative").isEqualTo(l1.first());
    assertThat(smooth.second()).as(at + ": second derivative").isEqualTo(l1.second());
  }

  // ---- the binary cross-entropy family --------------------------------------------------------------------------

  @Provide
  Arbitrary<Pair> focalWithoutFocusing() {
    return pairs(Range.closed(0, 1),
        (options, beta) -> Losses.create("focal", plus(options, "gamma", 0.0, "alpha", beta)),
        (options, beta) -> Losses.create("balanced_cross_entropy", plus(options, "beta", beta)));
  }

  @Property(tries = 300)
  @Label("focal with gamma = 0 and alpha = beta is balanced_cross_entropy with beta")
  void focalWithGammaZeroIsBalanced(@ForAll("focalWithoutFocusing") Pair pair) {
    assertSameLoss(pair);
  }

  @Provide
  Arbitrary<Pair> weightedAsBinary() {
    return pairs(Range.greaterThan(0),
        (options, w) -> Losses.create("weighted_cross_entropy", plus(options, "weight", w)),
        (options, w) -> Losses.create("binary_cross_entropy",
            plus(options, "positive_weight", w, "negative_weight", 1.0)));
  }

  @Property(tries = 300)
  @Label("weighted_cross_entropy with w is binary_cross_entropy with positive_weight = w, negative_weight = 1")
  void weightedIsBinaryWithAPositiveWeight(@ForAll("weightedAsBinary") Pair pair) {
    assertSameLoss(pair);
  }

  @Provide
  Arbitrary<Pair> unitWeightAsBinary() {
    return Combinators.combine(options(), Generators.draws()).as((options, draw) -> {
      LossFunction weighted = Losses.create("weighted_cross_entropy", plus(options, "weight", 1.0));
      return new Pair(weighted, Losses.create("binary_cross_entropy", options), draw.inputs(weighted.domains()));
    });
  }

  @Property(tries = 200)
  @Label("weighted_cross_entropy with w = 1 is binary_cross_entropy with its default weights")
  void unitWeightIsBinary(@ForAll("unitWeightAsBinary") Pair pair) {
    assertSameLoss(pair);
  }

  @Provide
  Arbitrary<Pair> balancedAsBinary() {
    return pairs(Range.closed(0, 1),
        (options, beta) -> Losses.create("balanced_cross_entropy", plus(options, "beta", beta)),
        (options, beta) -> Losses.create("binary_cross_entropy",
            plus(options, "positive_weight", beta, "negative_weight", 1 - beta)));
  }

  @Property(tries = 300)
  @Label("balanced_cross_entropy with beta is binary_cross_entropy with weights beta and 1 - beta")
  void balancedIsBinaryWithComplementaryWeights(@ForAll("balancedAsBinary") Pair pair) {
    assertSameLoss(pair);
  }

  // ---- logits against probabilities -----------------------------------------------------------------------------

  /** A loss from logits and the same loss on probabilities, with ε too small to act on σ(x) for |x| ≤ 10. */
  record LogitPair(LossFunction logits, LossFunction probabilities) {}

  /** Every registered loss that takes {@code from_logits} and the given kind of label, with random parameters. */
  private static Arbitrary<LogitPair> logitPairs(LabelDomain labels) {
    List<Arbitrary<LogitPair>> pairs = Losses.providers().stream()
        .filter(provider -> provider.domains().labels() == labels)
        .filter(provider -> provider.parameters().stream().anyMatch(p -> p.name().equals("from_logits")))
        .map(LossIdentitiesTests::logitPairs).toList();
    return Generators.evenly(pairs);
  }

  private static Arbitrary<LogitPair> logitPairs(LossProvider provider) {
    Arbitrary<Double> tinyEpsilon =
        Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(-15, -12).map(e -> Math.pow(10, e)));
    return Combinators.combine(Generators.configured(provider), tinyEpsilon).as((loss, epsilon) -> {
      Map<String, Object> clip = Map.of("epsilon_mode", "clip", "epsilon", epsilon);
      return new LogitPair(Losses.with(loss, plus(clip, "from_logits", true)),
          Losses.with(loss, plus(clip, "from_logits", false)));
    });
  }

  @Provide
  Arbitrary<LogitPair> binaryLogitPairs() {
    return logitPairs(LabelDomain.BINARY);
  }

  /**
   * Value and derivatives from logits against the probability form at σ(x) through the chain rule (σ' = σ(1 − σ),
   * σ'' = σ'(1 − 2σ)). The probability side sees σ(x) rounded, and computes 1 − q from it, which magnifies that
   * rounding by κ = 1/min(σ, 1 − σ) (at most e¹⁰ + 1 here), and a focal power s̄^γ by up to 1 + γ more; the second
   * derivative's two chain-rule terms cancel by another factor κ. Tolerance: 8 ulps of each term's magnitude times
   * those factors (the largest ratio seen over 800 000 random points was 0.78 of the unscaled bound).
   */
  @Property(tries = 500)
  @Label("A binary cross-entropy from logits x equals the same loss on probabilities sigmoid(x), for |x| <= 10")
  void binaryLogitsAreProbabilitiesOfTheSigmoid(@ForAll("binaryLogitPairs") LogitPair pair,
      @ForAll @DoubleRange(min = -10, max = 10) @Scale(9) double x, @ForAll boolean positive) {
    double y = positive ? 1 : 0;
    double sigma = sigmoid(x);
    double slope = sigma * sigmoid(-x);
    double bend = slope * (sigmoid(-x) - sigma);
    Point logit = Losses.at(pair.logits(), x, y);
    Point probability = Losses.at(pair.probabilities(), sigma, y);
    double gamma = pair.logits().name().equals("focal") ? pair.logits().parameters().number("gamma") : 0;
    double kappa = 1 / Math.min(sigma, sigmoid(-x));
    double scale = 8 * Losses.ULP_OF_ONE * kappa * (1 + gamma) * (1 + gamma);
    String at = pair.logits() + " at x = " + x + ", y = " + y + " against " + pair.probabilities() + " at " + sigma;
    Losses.assertClose(at + ": value", logit.value(), probability.value(),
        scale * (Math.abs(probability.value()) + sigma * Math.abs(probability.first())));
    Losses.assertClose(at + ": first derivative", logit.first(), probability.first() * slope,
        scale * slope * (Math.abs(probability.first()) + sigma * Math.abs(probability.second())));
    Losses.assertClose(at + ": second derivative", logit.second(),
        probability.second() * slope * slope + probability.first() * bend,
        scale * kappa * (Math.abs(probability.second() * slope * slope) + Math.abs(probability.first() * bend)));
  }

  @Provide
  Arbitrary<LogitPair> categoricalLogitPairs() {
    return logitPairs(LabelDomain.CLASS);
  }

  @Provide
  Arbitrary<Inputs> logitRows() {
    Arbitrary<double[]> logits = Generators.arrays(Arbitraries.doubles().between(-10, 10).ofScale(9), 3);
    return Combinators.combine(Arbitraries.integers().between(1, 3), logits, Arbitraries.integers().between(0, 2))
        .as((columns, x, target) -> new Inputs(1, columns, Arrays.copyOf(x, columns), new double[] {target % columns},
            true, new double[0]));
  }

  /**
   * The categorical form from logits x against the probability form at softmax(x), through the softmax Jacobian
   * ∂p_k/∂x_j = p_k(δ_kj − p_j). The probability form is separable (−Σ y_k log q_k, its Hessian diagonal), so
   * ∂²ℓ/∂x_j² = Σ_k h_k (∂p_k/∂x_j)² + Σ_k g_k ∂²p_k/∂x_j² with ∂²p_j/∂x_j² = p_j(1 − p_j)(1 − 2p_j) and
   * ∂²p_k/∂x_j² = p_k p_j(2p_j − 1) for k ≠ j. Tolerance: 16 ulps of the sum of the terms' error scales, in which
   * a difference such as 1 − p_j counts as 1 (its absolute error is p_j's rounding): the sums cancel when the true
   * class is nearly certain.
   */
  @Property(tries = 300)
  @Label("categorical_cross_entropy from logits equals the same loss on probabilities softmax(x), for |x| <= 10")
  void categoricalLogitsAreProbabilitiesOfTheSoftmax(@ForAll("categoricalLogitPairs") LogitPair pair,
      @ForAll("logitRows") Inputs logits) {
    int m = logits.columns();
    double[] p = softmax(logits.predictions());
    Inputs probabilities = new Inputs(1, m, p, logits.labels(), true, new double[0]);
    Batch logitBatch = logits.batch();
    Batch probabilityBatch = probabilities.batch();
    double[] g = pair.probabilities().firstDerivatives(probabilityBatch);
    double[] h = pair.probabilities().secondDerivatives(probabilityBatch);
    double[] first = pair.logits().firstDerivatives(logitBatch);
    double[] second = pair.logits().secondDerivatives(logitBatch);
    String at = pair.logits() + " at " + logits + " against " + pair.probabilities() + " at softmax "
        + Arrays.toString(p);
    double ulps = 16 * Losses.ULP_OF_ONE;
    double value = pair.probabilities().values(probabilityBatch)[0];
    // With one class softmax is exactly 1, which clipping moves to 1 − ε: −log q then grows by at most 2ε.
    double clipped = 2 * pair.probabilities().parameters().number("epsilon");
    Losses.assertClose(at + ": value", pair.logits().values(logitBatch)[0], value,
        ulps * (1 + Math.abs(value)) + clipped);
    for (int j = 0; j < m; j++) {
      double expectedFirst = 0;
      double firstScale = 0;
      double expectedSecond = 0;
      double secondScale = 0;
      for (int k = 0; k < m; k++) {
        double delta = k == j ? 1 : 0;
        double dp = p[k] * (delta - p[j]);
        double d2p = k == j ? p[j] * (1 - p[j]) * (1 - 2 * p[j]) : p[k] * p[j] * (2 * p[j] - 1);
        expectedFirst += g[k] * dp;
        expectedSecond += h[k] * dp * dp + g[k] * d2p;
        // Error scales: a difference such as 1 − p_j carries p_j's rounding, an error of p_j's size, not its own.
        double dpScale = p[k] * (Math.abs(delta - p[j]) + p[j]);
        double d2pScale = p[k] * p[j] * (Math.abs(2 * p[j] - 1) + 2 * p[j]);
        firstScale += Math.abs(g[k]) * dpScale;
        secondScale += Math.abs(h[k]) * dpScale * dpScale + Math.abs(g[k]) * d2pScale;
      }
      Losses.assertClose(at + ": first derivative " + j, first[j], expectedFirst, ulps * firstScale);
      Losses.assertClose(at + ": second derivative " + j, second[j], expectedSecond, ulps * secondScale);
    }
  }

  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  static double[] softmax(double[] x) {
    double max = Arrays.stream(x).max().orElseThrow();
    double[] p = new double[x.length];
    double sum = 0;
    for (int j = 0; j < x.length; j++) {
      p[j] = Math.exp(x[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < x.length; j++) {
      p[j] /= sum;
    }
    return p;
  }

  // ---- reductions and the logarithm's base ----------------------------------------------------------------------

  @Provide
  Arbitrary<Generators.Case> everyLoss() {
    return Generators.everyLoss();
  }

  /**
   * Relative tolerance 2⁻⁵⁰: mean = fl(sum / count), and fl(mean · count) is within an ulp or two of sum. count is
   * N·M for an element-wise loss and N for a row-wise one (one value per row), as {@code Reduction} documents: the
   * number of values.
   */
  @Property(tries = 500)
  @Label("Without weights, the sum reduction is the number of values times the mean")
  void sumIsCountTimesMean(@ForAll("everyLoss") Generators.Case sample) {
    Batch batch = sample.inputs().withoutWeights().batch();
    LossFunction mean = Losses.with(sample.loss(), Map.of("reduction", "mean"));
    LossFunction sum = Losses.with(sample.loss(), Map.of("reduction", "sum"));
    int count = mean.values(batch).length;
    double total = sum.value(batch);
    Losses.assertClose(sample + ": sum against " + count + " x mean", mean.value(batch) * count, total,
        0x1p-50 * Math.abs(total));
  }

  /**
   * The per-element values, summed exactly (BigDecimal), against the sum reduction, weights included. Tolerance
   * 2⁻⁵⁰ of Σ|values|: the loss sums with compensation, so its error does not grow with the count.
   */
  @Property(tries = 500)
  @Label("The per-element values add up to the sum reduction, with or without weights")
  void valuesAddUpToTheSum(@ForAll("everyLoss") Generators.Case sample) {
    Batch batch = sample.inputs().batch();
    LossFunction sum = Losses.with(sample.loss(), Map.of("reduction", "sum"));
    double[] values = sum.values(batch);
    double total = sum.value(batch);
    if (Arrays.stream(values).anyMatch(v -> v == Double.POSITIVE_INFINITY)) {
      assertThat(total).as(sample + ": sum of " + Arrays.toString(values)).isEqualTo(Double.POSITIVE_INFINITY);
      return;
    }
    BigDecimal exact = BigDecimal.ZERO;
    double magnitude = 0;
    for (double value : values) {
      exact = exact.add(new BigDecimal(value));
      magnitude += Math.abs(value);
    }
    Losses.assertClose(sample + ": sum of " + Arrays.toString(values), total, exact.doubleValue(),
        0x1p-50 * magnitude);
  }

  @Provide
  Arbitrary<Generators.Case> lossesWithALogBase() {
    return Generators.evenly(Losses.providers().stream()
        .filter(provider -> provider.parameters().stream().anyMatch(p -> p.name().equals("log_base")))
        .map(Generators::cases).toList());
  }

  /** Relative tolerance 2⁻⁵⁰: one extra rounding, of the division by ln 2, on either side. */
  @Property(tries = 500)
  @Label("With log_base 2 every value and derivative is the natural one divided by ln 2")
  void baseTwoIsNaturalOverLnTwo(@ForAll("lossesWithALogBase") Generators.Case sample) {
    Batch batch = sample.inputs().batch();
    LossFunction natural = Losses.with(sample.loss(), Map.of("log_base", "e"));
    LossFunction bits = Losses.with(sample.loss(), Map.of("log_base", "2"));
    double ln2 = Math.log(2);
    Losses.assertCloseRelative(sample + ": values", bits.values(batch), divide(natural.values(batch), ln2), 0x1p-50);
    Losses.assertCloseRelative(sample + ": first derivatives", bits.firstDerivatives(batch),
        divide(natural.firstDerivatives(batch), ln2), 0x1p-50);
    Losses.assertCloseRelative(sample + ": second derivatives", bits.secondDerivatives(batch),
        divide(natural.secondDerivatives(batch), ln2), 0x1p-50);
  }

  private static double[] divide(double[] values, double divisor) {
    return Arrays.stream(values).map(v -> v / divisor).toArray();
  }
}
