package com.example.pseudohuber

import kotlin.math.abs
import kotlin.math.hypot
import org.losslab.api.Domains
import org.losslab.api.ElementLoss
import org.losslab.api.InvalidParameterException
import org.losslab.api.LossFunction
import org.losslab.api.LossProvider
import org.losslab.api.Parameter
import org.losslab.api.Parameters
import org.losslab.api.Range
import org.losslab.api.Task

private const val ID = "pseudo_huber"

private val DELTA: Parameter =
    Parameter.number("delta", 1.0, Range.greaterThan(0.0), "the scale where the loss turns from quadratic to linear")

/**
 * The pseudo-Huber loss: a smooth Huber loss, ≈ r²/2 for |r| ≪ δ and ≈ δ(|r| − δ) for |r| ≫ δ, with derivatives of
 * every order.
 *
 * ```
 * r = p − y
 * ℓ(p, y)  = δ²(√(1 + (r/δ)²) − 1)
 * ∂ℓ/∂p    = r / √(1 + (r/δ)²)
 * ∂²ℓ/∂p²  = (1 + (r/δ)²)^(−3/2)
 * ```
 *
 * The textbook form fails at both ends: `(r/δ)²` overflows once |r/δ| > 1.3e154, and `√(1 + x) − 1` loses every
 * digit once (r/δ)² < 1e-16. So ℓ is computed as δ|r| · |q| / (√(1 + q²) + 1) with q = r/δ, which is the same
 * value multiplied out, has no difference of near-equal terms, and takes √(1 + q²) from [hypot], which does not
 * overflow. Every value stays finite and accurate to a few ulps while r/δ is finite.
 *
 * Parameter: `delta` (δ), a number > 0, default 1.0.
 *
 * Source: R. Hartley and A. Zisserman, "Multiple View Geometry in Computer Vision", 2nd ed. (2003), appendix 6,
 * robust cost functions; a smooth form of P. J. Huber's loss ("Robust Estimation of a Location Parameter", 1964).
 */
class PseudoHuber(val delta: Double = 1.0) : ElementLoss {
    init {
        if (delta !in DELTA.range) {
            throw InvalidParameterException(ID, DELTA.name, "$ID: delta ($delta) must be ${DELTA.allowed()}")
        }
    }

    /** √(1 + (r/δ)²), without overflow. */
    private fun scale(r: Double): Double = hypot(1.0, r / delta)

    override fun value(prediction: Double, label: Double): Double =
        (prediction - label).let { r -> delta * abs(r) * (abs(r / delta) / (scale(r) + 1)) }

    override fun derivative(prediction: Double, label: Double): Double =
        (prediction - label).let { r -> r / scale(r) }

    override fun secondDerivative(prediction: Double, label: Double): Double =
        (1 / scale(prediction - label)).let { s -> s * s * s }

    override fun toString(): String = "PseudoHuber(delta=$delta)"
}

/**
 * The [java.util.ServiceLoader] entry for `pseudo_huber`, listed in `META-INF/services/org.losslab.api.LossProvider`.
 * A class, not an `object`: ServiceLoader needs a public no-argument constructor, and an `object` has none.
 */
class PseudoHuberProvider : LossProvider {
    override fun id(): String = ID

    override fun description(): String = "pseudo-Huber loss: delta^2 (sqrt(1 + (r/delta)^2) - 1), a smooth Huber loss"

    override fun task(): Task = Task.REGRESSION

    override fun parameters(): List<Parameter> = listOf(DELTA)

    override fun domains(): Domains = Domains.REGRESSION

    override fun formula(): String = "δ²(√(1 + (r/δ)²) − 1); r = p − y"

    /** The version of losslab's API this jar was compiled against: the compiler copies the constant in. */
    override fun apiVersion(): String = LossProvider.API_VERSION

    override fun create(parameters: Parameters): LossFunction =
        LossFunction.elementwise(ID, parameters, Domains.REGRESSION, PseudoHuber(parameters.number(DELTA.name)))

    override fun toString(): String = "LossProvider($ID)"
}
