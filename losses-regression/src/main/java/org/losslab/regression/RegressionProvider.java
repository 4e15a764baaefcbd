package org.losslab.regression;

import java.util.List;
import org.losslab.api.BatchKernel;
import org.losslab.api.Domains;
import org.losslab.api.ElementLoss;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Task;
import org.losslab.kernels.Kernels;

/**
 * What the providers of this module share: metadata held in fields, real predictions against real labels, and an
 * element-wise loss built from validated parameters. Each loss's nested {@code Provider} extends it.
 */
abstract class RegressionProvider implements LossProvider {
  private final String id;
  private final List<String> aliases;
  private final String description;
  private final String formula;
  private final List<Parameter> parameters;

  RegressionProvider(String id, List<String> aliases, String description, String formula,
      List<Parameter> parameters) {
    this.id = id;
    this.aliases = List.copyOf(aliases);
    this.description = description;
    this.formula = formula;
    this.parameters = List.copyOf(parameters);
  }

  /**
   * {@code value} if {@code parameter}'s range holds it; otherwise the error {@link Parameters#validate} gives for
   * the same value, so that a loss built directly ({@code new Huber(-1)}) fails as one built from YAML does.
   */
  static double checked(String loss, Parameter parameter, double value) {
    if (!parameter.range().contains(value)) {
      throw new InvalidParameterException(loss, parameter.name(),
          loss + ": " + parameter.name() + " (" + value + ") must be " + parameter.allowed());
    }
    return value;
  }

  /** The element loss for parameters already validated against {@link #parameters()}. */
  abstract ElementLoss loss(Parameters parameters);

  /** The loss's fused batch kernel, on the path {@code kernels} gives, for the same parameters. */
  abstract BatchKernel kernel(Parameters parameters, Kernels kernels);

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final List<String> aliases() {
    return aliases;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final Task task() {
    return Task.REGRESSION;
  }

  @Override
  public final List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public final Domains domains() {
    return Domains.REGRESSION;
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
    return LossFunction.elementwise(id, parameters, Domains.REGRESSION, loss(parameters), kernel(parameters, kernels));
  }

  @Override
  public String toString() {
    return "LossProvider(" + id + ")";
  }
}
