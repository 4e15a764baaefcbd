package org.losslab.runner.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Task;
import org.losslab.runner.properties.Losses.Point;

/**
 * What every regression loss promises: zero at a perfect prediction and never negative (mbe, the signed error, is
 * p − y instead); and, for the losses of the error r = p − y, symmetry in p and y and invariance under translation.
 */
@Label("Regression losses")
class RegressionInvariantsTests {
  /** The signed error: not a distance, so neither non-negative nor symmetric. */
  private static final String SIGNED = "mbe";
  /** Losses of |p − y| alone (their Javadoc formulas): symmetric in p and y. */
  private static final Set<String> OF_DISTANCE = Set.of("mse", "l1", "huber", "smooth_l1", "log_cosh");

  @Provide
  Arbitrary<LossFunction> regressionLosses() {
    return Generators.evenly(Losses.providers(Task.REGRESSION).stream().map(Generators::configured).toList());
  }

  @Provide
  Arbitrary<LossFunction> distanceLosses() {
    return Generators.evenly(Losses.providers(Task.REGRESSION).stream()
        .filter(provider -> OF_DISTANCE.contains(provider.id())).map(Generators::configured).toList());
  }

  @Provide
  Arbitrary<Double> reals() {
    return Generators.reals();
  }

  @Example
  @Label("The losses named here as symmetric or signed are registered regression losses")
  void namedLossesExist() {
    assertThat(Losses.providers(Task.REGRESSION)).extracting(LossProvider::id).containsAll(OF_DISTANCE)
        .contains(SIGNED);
  }

  @Property(tries = 500)
  @Label("A perfect prediction costs nothing: l(p, p) = 0")
  void zeroAtAPerfectPrediction(@ForAll("regressionLosses") LossFunction loss, @ForAll("reals") double p) {
    assertThat(Losses.at(loss, p, p).value()).as("%s at p = y = %s", loss, p).isZero();
  }

  @Property(tries = 500)
  @Label("Every regression loss is non-negative, except mbe, which is exactly p - y")
  void neverNegative(@ForAll("regressionLosses") LossFunction loss, @ForAll("reals") double p,
      @ForAll("reals") double y) {
    double value = Losses.at(loss, p, y).value();
    if (loss.name().equals(SIGNED)) {
      assertThat(value).as("%s at p = %s, y = %s", loss, p, y).isEqualTo(p - y);
    } else {
      assertThat(value).as("%s at p = %s, y = %s", loss, p, y).isGreaterThanOrEqualTo(0);
    }
  }

  /**
   * Exact, not approximate: fl(p − y) = −fl(y − p) (rounding is symmetric), and these losses see only |p − y| or
   * its square.
   */
  @Property(tries = 500)
  @Label("A loss of the distance |p - y| is symmetric: l(p, y) = l(y, p), derivatives mirrored")
  void symmetric(@ForAll("distanceLosses") LossFunction loss, @ForAll("reals") double p, @ForAll("reals") double y) {
    Point forward = Losses.at(loss, p, y);
    Point backward = Losses.at(loss, y, p);
    String at = loss + " at p = " + p + ", y = " + y;
    assertThat(forward.value()).as(at + ": value").isEqualTo(backward.value());
    // ∂ℓ/∂p at (p, y) is a function of p − y; swapping p and y flips its sign.
    assertThat(forward.first()).as(at + ": first derivative").isEqualTo(-backward.first());
    assertThat(forward.second()).as(at + ": second derivative").isEqualTo(backward.second());
  }

  @Property(tries = 200)
  @Label("mbe is antisymmetric: mbe(p, y) = -mbe(y, p)")
  void signedErrorIsAntisymmetric(@ForAll("reals") double p, @ForAll("reals") double y) {
    LossFunction mbe = Losses.create(SIGNED, Map.of());
    assertThat(Losses.at(mbe, p, y).value()).isEqualTo(-Losses.at(mbe, y, p).value());
  }

  /**
   * p, y and c are multiples of 2⁻¹⁰ below 2²⁰ in magnitude, so p + c, y + c and both differences are exact: the
   * translated loss sees bit for bit the same error, and must give bit for bit the same value and derivatives.
   */
  @Property(tries = 500)
  @Label("Losses of the error p - y are invariant under translation: l(p + c, y + c) = l(p, y)")
  void translationInvariant(@ForAll("errorLosses") LossFunction loss,
      @ForAll @IntRange(min = -(1 << 30), max = 1 << 30) int p,
      @ForAll @IntRange(min = -(1 << 30), max = 1 << 30) int y,
      @ForAll @IntRange(min = -(1 << 30), max = 1 << 30) int c) {
    double scale = 0x1p-10;
    Point plain = Losses.at(loss, p * scale, y * scale);
    Point moved = Losses.at(loss, (p + (double) c) * scale, (y + (double) c) * scale);
    String at = loss + " at p = " + p * scale + ", y = " + y * scale + ", c = " + c * scale;
    assertThat(moved.value()).as(at + ": value").isEqualTo(plain.value());
    assertThat(moved.first()).as(at + ": first derivative").isEqualTo(plain.first());
    assertThat(moved.second()).as(at + ": second derivative").isEqualTo(plain.second());
  }

  @Provide
  Arbitrary<LossFunction> errorLosses() {
    return Generators.evenly(Losses.providers(Task.REGRESSION).stream()
        .filter(provider -> OF_DISTANCE.contains(provider.id()) || provider.id().equals(SIGNED))
        .map(Generators::configured).toList());
  }
}
