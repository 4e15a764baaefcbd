package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The inputs a loss accepts: the domain of its predictions and of its labels.
 *
 * @param predictions what each prediction must be
 * @param labels what each label must be
 */
@API(status = STABLE, since = "0.1")
public record Domains(PredictionDomain predictions, LabelDomain labels) {

  /** Real predictions against real labels: every regression loss. */
  public static final Domains REGRESSION = new Domains(PredictionDomain.REAL, LabelDomain.REAL);

  public Domains {
    Objects.requireNonNull(predictions, "predictions");
    Objects.requireNonNull(labels, "labels");
  }

  @Override
  public String toString() {
    return "predictions " + predictions.id() + ", labels " + labels.id();
  }
}
