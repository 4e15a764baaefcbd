package org.losslab.classification;

import org.losslab.api.BatchKernel;
import org.losslab.api.Domains;
import org.losslab.api.LabelDomain;
import org.losslab.api.PredictionDomain;
import org.losslab.kernels.CrossEntropyForm;
import org.losslab.kernels.Kernels;

/**
 * What binary, weighted and balanced cross-entropy and focal loss share: each is a {@link ModulatedCrossEntropy}
 * with its own class weights and γ, which computes the loss and its derivatives, of a probability (or, with
 * {@code from_logits}, a logit) of class 1 against a 0/1 label. A subclass keeps its own parameters for
 * {@code toString}.
 */
abstract class BinaryCrossEntropyFamily extends BinaryLoss {
  /** The domains under the default {@link CrossEntropyOptions}: probabilities against 0/1 labels. */
  static final Domains DEFAULT_DOMAINS = new Domains(PredictionDomain.PROBABILITY, LabelDomain.BINARY);

  private final CrossEntropyOptions options;
  private final ModulatedCrossEntropy form;
  private final CrossEntropyForm kernelForm;

  BinaryCrossEntropyFamily(double positiveWeight, double negativeWeight, double gamma, CrossEntropyOptions options) {
    this.options = options;
    this.form = new ModulatedCrossEntropy(positiveWeight, negativeWeight, gamma, options);
    this.kernelForm = new CrossEntropyForm(positiveWeight, negativeWeight, gamma, options.fromLogits(),
        options.epsilon(), options.clips(), options.lnBase());
  }

  @Override
  final Domains domains() {
    return new Domains(options.predictions(PredictionDomain.LOGIT), LabelDomain.BINARY);
  }

  @Override
  final BatchKernel kernel(Kernels kernels) {
    return kernels.crossEntropy(kernelForm);
  }

  @Override
  public final double value(double prediction, double label) {
    return form.value(prediction, label);
  }

  @Override
  public final double derivative(double prediction, double label) {
    return form.derivative(prediction, label);
  }

  @Override
  public final double secondDerivative(double prediction, double label) {
    return form.secondDerivative(prediction, label);
  }

  /** The options that differ from their defaults, for {@code toString}: {@code ", log_base=2"}. */
  final String nonDefaults() {
    return options.nonDefaults();
  }
}
