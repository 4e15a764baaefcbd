package org.losslab.classification;

import java.util.List;
import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Task;
import org.losslab.kernels.Kernels;

/**
 * What the providers of the binary losses share: metadata held in fields, the classification task, and an
 * element-wise loss function on the domains its parameters give the loss. Each {@link BinaryLoss}'s nested
 * {@code Provider} extends it; {@link CategoricalCrossEntropy}, a row-wise loss, has its own.
 */
abstract class BinaryLossProvider implements LossProvider {
  private final String id;
  private final String description;
  private final String formula;
  private final List<Parameter> parameters;
  private final Domains domains;

  BinaryLossProvider(String id, String description, String formula, List<Parameter> parameters, Domains domains) {
    this.id = id;
    this.description = description;
    this.formula = formula;
    this.parameters = List.copyOf(parameters);
    this.domains = domains;
  }

  /** The loss for parameters already validated against {@link #parameters()}. */
  abstract BinaryLoss loss(Parameters parameters);

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  public final List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public final Domains domains() {
    return domains;
  }

  /** The SPI version these losses are built with (javac copies the constant in). */
  @Override
  public final String apiVersion() {
    return API_VERSION;
  }

  @Override
  public final String formula() {
    return formula;
  }

  @Override
  public final LossFunction create(Parameters parameters) {
    return create(parameters, Kernels.best());
  }

  /** The loss function with its kernel on a given path (the tests compare the paths). */
  final LossFunction create(Parameters parameters, Kernels kernels) {
    BinaryLoss loss = loss(parameters);
    return LossFunction.elementwise(id, parameters, loss.domains(), loss, loss.kernel(kernels));
  }
}
