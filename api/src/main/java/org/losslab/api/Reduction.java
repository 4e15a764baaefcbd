package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How the per-element losses of a batch become one number.
 *
 * <p>With sample weights w<sub>i</sub> (one per row) and M outputs per row, an element-wise loss reduces as
 * <pre>
 *   sum  = Σ_i Σ_j w_i · ℓ(p_ij, y_ij)
 *   mean = sum / (M · Σ_i w_i)          (a weighted mean: it divides by the total weight, not by N)
 * </pre>
 * and a row-wise loss (one value per row) as {@code sum = Σ_i w_i · ℓ_i}, {@code mean = sum / Σ_i w_i}.
 * Without weights every w<sub>i</sub> is 1, so {@code mean} divides by N·M (as PyTorch's {@code reduction="mean"}).
 * {@code none} keeps the per-element values w<sub>i</sub>·ℓ<sub>ij</sub>.
 */
@API(status = STABLE, since = "0.1")
public enum Reduction {
  MEAN,
  SUM,
  NONE;

  /** The id users type: {@code mean}, {@code sum} or {@code none}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reduction with this id; an {@link IllegalArgumentException} naming the allowed ids otherwise. */
  public static Reduction fromId(String id) {
    for (Reduction reduction : values()) {
      if (reduction.id().equals(id)) {
        return reduction;
      }
    }
    throw new IllegalArgumentException("unknown reduction \"" + id + "\"; expected one of mean, sum, none");
  }

  @Override
  public String toString() {
    return id();
  }
}
