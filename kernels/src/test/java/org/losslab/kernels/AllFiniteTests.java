package org.losslab.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Kernels#allFinite} on both paths against {@link Float#isFinite} and {@link Double#isFinite} element by
 * element: every bad value (NaN with any payload, ±∞) at every position of ranges of every length around the vector
 * width, bad values just outside the range (which must not count), and the finite extremes (which must not trip it).
 *
 * <p>Runs with {@code --add-modules jdk.incubator.vector} (this module's surefire configuration).
 */
class AllFiniteTests {
  private static final float[] BAD_FLOATS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.intBitsToFloat(0xffc0_0001), Float.intBitsToFloat(0x7f80_0001)};
  private static final double[] BAD_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.longBitsToDouble(0xfff8_0000_0000_0001L), Double.longBitsToDouble(0x7ff0_0000_0000_0001L)};
  private static final float[] EXTREME_FLOATS = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0.0f,
      Float.MIN_NORMAL, 0x1.fffffep126f};
  private static final double[] EXTREME_DOUBLES = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0,
      Double.MIN_NORMAL, 0x1.fffffffffffffp1022};

  static Kernels[] paths() {
    return new Kernels[] {Kernels.scalar(), Kernels.vector()};
  }

  @ParameterizedTest
  @MethodSource("paths")
  void floatsAgreeWithIsFiniteAtEveryPositionAndLength(Kernels kernels) {
    SplittableRandom random = new SplittableRandom(5);
    for (int length = 0; length <= 70; length++) {
      float[] values = randomFloats(random, length + 4);
      int from = 2;
      int to = from + length;
      assertThat(kernels.allFinite(values, from, to)).as("finite, length %d", length).isTrue();
      for (int at = from; at < to; at++) {
        for (float bad : BAD_FLOATS) {
          float kept = values[at];
          values[at] = bad;
          assertThat(kernels.allFinite(values, from, to))
              .as("%s at %d of [%d, %d)", bad, at, from, to).isEqualTo(reference(values, from, to)).isFalse();
          values[at] = kept;
        }
      }
      // Just outside the range: not looked at.
      values[from - 1] = Float.NaN;
      values[to] = Float.POSITIVE_INFINITY;
      assertThat(kernels.allFinite(values, from, to)).as("bad values outside, length %d", length).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("paths")
  void doublesAgreeWithIsFiniteAtEveryPositionAndLength(Kernels kernels) {
    SplittableRandom random = new SplittableRandom(6);
    for (int length = 0; length <= 40; length++) {
      double[] values = randomDoubles(random, length + 4);
      int from = 2;
      int to = from + length;
      assertThat(kernels.allFinite(values, from, to)).as("finite, length %d", length).isTrue();
      for (int at = from; at < to; at++) {
        for (double bad : BAD_DOUBLES) {
          double kept = values[at];
          values[at] = bad;
          assertThat(kernels.allFinite(values, from, to))
              .as("%s at %d of [%d, %d)", bad, at, from, to).isEqualTo(reference(values, from, to)).isFalse();
          values[at] = kept;
        }
      }
      values[from - 1] = Double.NaN;
      values[to] = Double.NEGATIVE_INFINITY;
      assertThat(kernels.allFinite(values, from, to)).as("bad values outside, length %d", length).isTrue();
    }
  }

  /** Values whose x − x is 0 although they are huge or tiny: the largest, the subnormals, −0. */
  @ParameterizedTest
  @MethodSource("paths")
  void finiteExtremesAreFinite(Kernels kernels) {
    float[] floats = new float[64];
    double[] doubles = new double[64];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = EXTREME_FLOATS[i % EXTREME_FLOATS.length];
      doubles[i] = EXTREME_DOUBLES[i % EXTREME_DOUBLES.length];
    }
    assertThat(kernels.allFinite(floats, 0, floats.length)).isTrue();
    assertThat(kernels.allFinite(doubles, 0, doubles.length)).isTrue();
  }

  /** A long range with one bad value in the middle of the vector part, the rest random over every exponent. */
  @ParameterizedTest
  @MethodSource("paths")
  void longRangesOfEveryExponent(Kernels kernels) {
    SplittableRandom random = new SplittableRandom(7);
    float[] floats = new float[1 << 16];
    double[] doubles = new double[1 << 16];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = anyFiniteFloat(random);
      doubles[i] = anyFiniteDouble(random);
    }
    assertThat(kernels.allFinite(floats, 0, floats.length)).isEqualTo(reference(floats, 0, floats.length)).isTrue();
    assertThat(kernels.allFinite(doubles, 0, doubles.length))
        .isEqualTo(reference(doubles, 0, doubles.length)).isTrue();
    floats[40_000] = Float.NEGATIVE_INFINITY;
    doubles[40_001] = Double.NaN;
    assertThat(kernels.allFinite(floats, 0, floats.length)).isFalse();
    assertThat(kernels.allFinite(doubles, 0, doubles.length)).isFalse();
    assertThat(kernels.allFinite(floats, 40_001, floats.length)).isTrue();
    assertThat(kernels.allFinite(doubles, 0, 40_001)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("paths")
  void rangesOutsideTheArrayAreRefused(Kernels kernels) {
    assertThatThrownBy(() -> kernels.allFinite(new float[4], 2, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> kernels.allFinite(new double[4], -1, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> kernels.allFinite(new double[4], 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static boolean reference(float[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Float.isFinite(values[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean reference(double[] values, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Double.isFinite(values[i])) {
        return false;
      }
    }
    return true;
  }

  private static float[] randomFloats(SplittableRandom random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = anyFiniteFloat(random);
    }
    return values;
  }

  private static double[] randomDoubles(SplittableRandom random, int length) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = anyFiniteDouble(random);
    }
    return values;
  }

  /** Random bits with the exponent field anything but all ones: every finite float, subnormals and ±0 included. */
  private static float anyFiniteFloat(SplittableRandom random) {
    int bits = random.nextInt();
    return (bits & 0x7f80_0000) == 0x7f80_0000 ? Float.intBitsToFloat(bits & 0xbfff_ffff) : Float.intBitsToFloat(bits);
  }

  private static double anyFiniteDouble(SplittableRandom random) {
    long bits = random.nextLong();
    return (bits & 0x7ff0_0000_0000_0000L) == 0x7ff0_0000_0000_0000L
        ? Double.longBitsToDouble(bits & 0xbfff_ffff_ffff_ffffL) : Double.longBitsToDouble(bits);
  }
}
