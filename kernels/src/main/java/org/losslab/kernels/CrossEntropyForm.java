package org.losslab.kernels;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The parameters of the binary cross-entropy family (binary, weighted, balanced cross-entropy and focal loss):
 * ℓ = −c<sub>y</sub>·s̄<sup>γ</sup>·log(s) / ln(base), with s the probability given to the true class.
 *
 * @param positiveWeight c₁, the weight of class 1
 * @param negativeWeight c₀, the weight of class 0
 * @param gamma γ ≥ 0, the focal exponent (0 for plain cross-entropy)
 * @param fromLogits whether predictions are logits
 * @param epsilon ε, how far probabilities are kept from 0 and 1 (ignored from logits)
 * @param clip {@code true}: q = clamp(p, ε, 1 − ε); {@code false}: q = p·(1 − ε)
 * @param lnBase ln of the logarithm's base: 1 for e, ln 2 for bits
 */
@API(status = INTERNAL, since = "0.1")
public record CrossEntropyForm(double positiveWeight, double negativeWeight, double gamma, boolean fromLogits,
    double epsilon, boolean clip, double lnBase) {}
