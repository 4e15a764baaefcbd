package org.losslab.classification;

import org.losslab.api.BatchKernel;
import org.losslab.api.Domains;
import org.losslab.api.ElementLoss;
import org.losslab.kernels.Kernels;

/**
 * An element-wise loss of a two-class problem whose inputs depend on its parameters: probabilities or logits
 * ({@code from_logits}), ±1 or 0/1 labels ({@code label_encoding}). {@link BinaryLossProvider} builds it.
 */
abstract class BinaryLoss implements ElementLoss {

  /** The predictions and labels this configured loss accepts. */
  abstract Domains domains();

  /** This configured loss's fused batch kernel, on the path {@code kernels} gives. */
  abstract BatchKernel kernel(Kernels kernels);
}
