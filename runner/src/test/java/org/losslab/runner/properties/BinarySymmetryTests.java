package org.losslab.runner.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.PredictionDomain;
import org.losslab.runner.properties.Losses.Point;

/**
 * Swapping the classes of a binary loss, and mirroring the prediction, changes nothing: binary cross-entropy with
 * equal class weights, focal loss with α and 1 − α, and the margin losses with −p and −y.
 *
 * <p>Tolerance: none. Mirroring a probability p means 1 − p, which rounds, and so would 1 − ε and 1 − α; the
 * generated p, ε and α are therefore snapped to {@link #mirrorable} values, whose complement is exact. Then both
 * sides compute with the same numbers (the loss's own 1 − q included) and must agree bit for bit, and a tolerance
 * could only hide a real asymmetry.
 */
@Label("Binary symmetries")
class BinarySymmetryTests {
  /** The margin losses, max(0, 1 − y·p) and its square: functions of y·p. */
  private static final Set<String> MARGIN_LOSSES = Set.of("hinge", "squared_hinge");

  /**
   * x, moved by less than an ulp of 1 so that 1 − x is exact: 1 − fl(1 − x). (fl(1 − x) = u; if u ≥ ½, 1 − u is exact
   * by Sterbenz's lemma; if u &lt; ½, x &gt; ½ and u = 1 − x was already exact, so 1 − u = x.)
   */
  static double mirrorable(double x) {
    return 1 - (1 - x);
  }

  @Provide
  Arbitrary<LossFunction> evenBinaryCrossEntropy() {
    LossProvider provider = Losses.REGISTRY.provider("binary_cross_entropy");
    return Generators.parameters(Parameters.withReduction(provider.parameters())).map(drawn -> {
      Map<String, Object> parameters = mirrorableClip(drawn);
      parameters.put("negative_weight", parameters.get("positive_weight"));
      return provider.create(parameters);
    });
  }

  /** Focal losses with α and with 1 − α, otherwise alike. */
  record FocalPair(LossFunction alpha, LossFunction complement) {}

  @Provide
  Arbitrary<FocalPair> focalPairs() {
    LossProvider provider = Losses.REGISTRY.provider("focal");
    return Generators.parameters(Parameters.withReduction(provider.parameters())).map(drawn -> {
      Map<String, Object> parameters = mirrorableClip(drawn);
      double alpha = mirrorable((Double) parameters.get("alpha"));
      parameters.put("alpha", alpha);
      LossFunction focal = provider.create(parameters);
      parameters.put("alpha", 1 - alpha);
      return new FocalPair(focal, provider.create(parameters));
    });
  }

  /** Clip mode (p·(1 − ε), the scale mode, is not symmetric), with a mirrorable ε. */
  private static Map<String, Object> mirrorableClip(Map<String, Object> drawn) {
    Map<String, Object> parameters = new LinkedHashMap<>(drawn);
    parameters.put("epsilon_mode", "clip");
    parameters.put("epsilon", mirrorable((Double) parameters.get("epsilon")));
    return parameters;
  }

  @Provide
  Arbitrary<Double> probabilities() {
    return Generators.probabilities().map(BinarySymmetryTests::mirrorable);
  }

  @Provide
  Arbitrary<Double> logits() {
    return Generators.logits();
  }

  @Provide
  Arbitrary<LossFunction> marginLosses() {
    return Generators.evenly(Losses.providers().stream().filter(provider -> MARGIN_LOSSES.contains(provider.id()))
        .map(Generators::configured).toList());
  }

  @Property(tries = 500)
  @Label("Binary cross-entropy with equal class weights gives l(p, 1) = l(1 - p, 0), from logits l(x, 1) = l(-x, 0)")
  void binaryCrossEntropyIsSymmetric(@ForAll("evenBinaryCrossEntropy") LossFunction loss,
      @ForAll("probabilities") double p, @ForAll("logits") double x) {
    assertMirrored(loss, loss, p, x);
  }

  @Property(tries = 500)
  @Label("Focal loss with alpha at (p, 1) equals focal loss with 1 - alpha at (1 - p, 0)")
  void focalLossIsSymmetricWithTheComplementaryAlpha(@ForAll("focalPairs") FocalPair pair,
      @ForAll("probabilities") double p, @ForAll("logits") double x) {
    assertMirrored(pair.alpha(), pair.complement(), p, x);
  }

  /** {@code positive} at (p, 1) against {@code negative} at the mirrored prediction, 1 − p (−x for logits), and 0. */
  private static void assertMirrored(LossFunction positive, LossFunction negative, double p, double x) {
    boolean logits = positive.domains().predictions() != PredictionDomain.PROBABILITY;
    double prediction = logits ? x : p;
    double mirrored = logits ? -x : 1 - p;
    Point one = Losses.at(positive, prediction, 1);
    Point zero = Losses.at(negative, mirrored, 0);
    String at = positive + " at (" + prediction + ", 1) against " + negative + " at (" + mirrored + ", 0)";
    assertThat(one.value()).as(at + ": value").isEqualTo(zero.value());
    // d/dp of l(1 − p, 0) is −l'(1 − p, 0): the slopes are mirrored, the curvatures equal.
    assertThat(one.first()).as(at + ": first derivative").isEqualTo(-zero.first());
    assertThat(one.second()).as(at + ": second derivative").isEqualTo(zero.second());
  }

  @Property(tries = 300)
  @Label("The margin losses see only y * p: l(p, y) = l(-p, -y) (-y is 1 - y under zero_one labels)")
  void marginLossesAreSymmetric(@ForAll("marginLosses") LossFunction loss, @ForAll("logits") double p,
      @ForAll boolean positive) {
    boolean zeroOne = loss.parameters().choice("label_encoding").equals("zero_one");
    double y = positive ? 1 : zeroOne ? 0 : -1;
    double flipped = zeroOne ? 1 - y : -y;
    Point forward = Losses.at(loss, p, y);
    Point backward = Losses.at(loss, -p, flipped);
    String at = loss + " at (" + p + ", " + y + ") against (" + -p + ", " + flipped + ")";
    assertThat(forward.value()).as(at + ": value").isEqualTo(backward.value());
    assertThat(forward.first()).as(at + ": first derivative").isEqualTo(-backward.first());
    assertThat(forward.second()).as(at + ": second derivative").isEqualTo(backward.second());
  }
}
