package com.example.quantile;

import java.util.List;
import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Range;
import org.losslab.api.Task;

/**
 * The {@link java.util.ServiceLoader} entry for {@code quantile}, listed in
 * {@code META-INF/services/org.losslab.api.LossProvider}; public, with the implicit no-argument constructor.
 */
public final class QuantileProvider implements LossProvider {
  static final String ID = "quantile";
  static final Parameter TAU =
      Parameter.number("tau", 0.5, Range.open(0, 1), "the quantile to estimate: 0.5 the median, 0.9 the 90th");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "quantile (pinball) loss: tau*(y - p) if p <= y, (1 - tau)*(p - y) otherwise";
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(TAU);
  }

  @Override
  public Domains domains() {
    return Domains.REGRESSION;
  }

  @Override
  public String formula() {
    return "max(τ(y − p), (τ − 1)(y − p))";
  }

  /** The version of losslab's API this jar was compiled against: javac copies the constant in. */
  @Override
  public String apiVersion() {
    return API_VERSION;
  }

  @Override
  public LossFunction create(Parameters parameters) {
    return LossFunction.elementwise(ID, parameters, Domains.REGRESSION, new Quantile(parameters.number(TAU.name())));
  }

  @Override
  public String toString() {
    return "LossProvider(" + ID + ")";
  }
}
