package org.losslab.api;

import java.util.Objects;

/**
 * What element-wise and row-wise loss functions share: identity, validation, and the reduction arithmetic.
 *
 * <p>A reduction cuts the rows into {@link Chunks}, computes each chunk's weighted sum into its own slot, on as many
 * threads as the batch allows, and adds the slots pairwise in chunk order: the same bits for any thread count. The
 * total weight is summed the same way, per chunk and pairwise. Each chunk is validated as it is summed: by a quick scan of minima and maxima just before, while
 * the chunk is in the cache, or by the loss's kernel itself ({@link BatchKernel#checksInputs}); only when that is
 * unsure does the full {@link Validation#check} run, to name the first offending value.
 */
abstract class AbstractLossFunction implements LossFunction {
  private final String name;
  private final Parameters parameters;
  private final Domains domains;
  private final boolean rowwise;

  AbstractLossFunction(String name, Parameters parameters, Domains domains, boolean rowwise) {
    this.name = Objects.requireNonNull(name, "name");
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.domains = Objects.requireNonNull(domains, "domains");
    this.rowwise = rowwise;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Parameters parameters() {
    return parameters;
  }

  @Override
  public final Domains domains() {
    return domains;
  }

  @Override
  public final void validate(Batch batch) {
    Validation.checkShapes(name, domains, batch, rowwise);
    if (!Validation.scans(domains, batch)) {
      Validation.check(name, domains, batch, rowwise);
      return;
    }
    Chunks chunks = new Chunks(batch);
    boolean[] unsure = new boolean[chunks.count()];
    chunks.forEach(batch.threads(),
        chunk -> unsure[chunk] = !Validation.quickCheck(domains, batch, chunks.from(chunk), chunks.to(chunk)));
    if (anyOf(unsure) || batch.hasWeights() && totalWeight(batch, chunks) == 0) {
      Validation.check(name, domains, batch, rowwise);
    }
  }

  @Override
  public final double value(Batch batch) {
    Reduction reduction = reduction();
    if (reduction == Reduction.NONE) {
      validate(batch);
      throw new LossException(name + ": reduction is none, which gives per-element values, not one; "
          + "call values(batch), or set reduction: mean or sum");
    }
    Partial partial = reduce(batch, false);
    return reduction == Reduction.SUM ? partial.weightedSum() : partial.weightedSum() / partial.divisor();
  }

  @Override
  public final Partial partial(Batch batch) {
    return reduce(batch, true);
  }

  @Override
  public final double[] gradient(Batch batch) {
    double[] gradient = firstDerivatives(batch);
    double scale = reduction() == Reduction.MEAN ? 1.0 / meanDivisor(batch, new Chunks(batch)) : 1.0;
    int columns = batch.predictionColumns();
    for (int i = 0; i < gradient.length; i++) {
      double weight = batch.weight(i / columns);
      // A zero weight removes the row, as in value(): even where its derivative is infinite (0·∞ would be NaN).
      gradient[i] = weight == 0 ? 0 : gradient[i] * weight * scale;
    }
    return gradient;
  }

  /**
   * Σ w·ℓ over rows {@code fromRow} to {@code toRow} of a validated batch. Called concurrently for disjoint rows.
   */
  abstract double weightedSum(Batch batch, int fromRow, int toRow);

  /**
   * As {@link #weightedSum}, for rows not yet validated (the batch's shapes are, and its policy is not
   * {@link NanPolicy#PROPAGATE}): NaN when the rows may be invalid, and then the caller runs the full check and
   * calls {@link #weightedSum}. By default a quick scan of the rows, then their sum.
   */
  double checkedSum(Batch batch, int fromRow, int toRow) {
    return Validation.quickCheck(domains, batch, fromRow, toRow) ? weightedSum(batch, fromRow, toRow) : Double.NaN;
  }

  /**
   * Validates the batch and reduces it chunk by chunk: Σ w·ℓ and the mean's divisor. With {@code partial}, weights
   * that are all 0 are allowed (the divisor is then 0): a chunk of a stream may weigh nothing.
   */
  private Partial reduce(Batch batch, boolean partial) {
    Validation.checkShapes(name, domains, batch, rowwise);
    boolean scans = Validation.scans(domains, batch);
    if (!scans) {
      checkFully(batch, partial);
    }
    Chunks chunks = new Chunks(batch);
    double[] sums = new double[chunks.count()];
    boolean[] unsure = new boolean[chunks.count()];
    chunks.forEach(batch.threads(), chunk -> {
      int from = chunks.from(chunk);
      int to = chunks.to(chunk);
      if (scans) {
        double sum = checkedSum(batch, from, to);
        unsure[chunk] = Double.isNaN(sum); // summed below, once the full check has passed
        sums[chunk] = sum;
      } else {
        sums[chunk] = weightedSum(batch, from, to);
      }
    });
    if (anyOf(unsure)) {
      checkFully(batch, partial);
      for (int chunk = 0; chunk < sums.length; chunk++) {
        if (unsure[chunk]) {
          sums[chunk] = weightedSum(batch, chunks.from(chunk), chunks.to(chunk));
        }
      }
    }
    double divisor = meanDivisor(batch, chunks);
    if (divisor == 0 && !partial) {
      Validation.check(name, domains, batch, rowwise); // names the problem: weights that are all 0
    }
    return new Partial(Chunks.pairwise(sums), divisor);
  }

  /** The full check; for a partial sum, weights that are all 0 pass. */
  private void checkFully(Batch batch, boolean partial) {
    Validation.check(name, domains, batch, rowwise, !partial);
  }

  /** What {@code mean} divides the weighted sum by: Σw times the elements per row that each carry a loss. */
  private double meanDivisor(Batch batch, Chunks chunks) {
    double totalWeight = batch.hasWeights() ? totalWeight(batch, chunks) : batch.rows();
    return rowwise ? totalWeight : totalWeight * batch.predictionColumns();
  }

  /** Σw, summed per chunk and pairwise over the chunks, as the weighted sum is. */
  private static double totalWeight(Batch batch, Chunks chunks) {
    double[] weights = batch.weights();
    double[] sums = new double[chunks.count()];
    for (int chunk = 0; chunk < sums.length; chunk++) {
      double sum = 0;
      for (int row = chunks.from(chunk), to = chunks.to(chunk); row < to; row++) {
        sum += weights[row];
      }
      sums[chunk] = sum;
    }
    return Chunks.pairwise(sums);
  }

  private static boolean anyOf(boolean[] flags) {
    for (boolean flag : flags) {
      if (flag) {
        return true;
      }
    }
    return false;
  }

  /** {@code huber(delta=2.0, reduction=mean)}. */
  @Override
  public String toString() {
    return name + "(" + parameters + ")";
  }

  /**
   * Compensated (Neumaier) summation: the error stays O(ε) instead of growing with n, so a mean over 10⁸
   * float32 elements keeps its digits.
   */
  static final class Sum {
    private double sum;
    private double compensation;

    void add(double value) {
      double t = sum + value;
      if (Math.abs(sum) >= Math.abs(value)) {
        compensation += (sum - t) + value;
      } else {
        compensation += (value - t) + sum;
      }
      sum = t;
    }

    double value() {
      double total = sum + compensation;
      // An infinite or NaN term must not be hidden (∞ − ∞ in the compensation would turn +∞ into NaN).
      return Double.isFinite(total) ? total : sum;
    }
  }
}
