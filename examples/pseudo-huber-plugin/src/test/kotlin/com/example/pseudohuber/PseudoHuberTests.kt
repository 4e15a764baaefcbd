package com.example.pseudohuber

import java.math.BigDecimal
import java.math.MathContext
import java.util.SplittableRandom
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.assertj.core.api.Assertions.within
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.ValueSource
import org.losslab.api.Batch
import org.losslab.api.InvalidParameterException

class PseudoHuberTests {
    private val provider = PseudoHuberProvider()

    /** The textbook formulas, δ²(√(1 + (r/δ)²) − 1) and its derivatives, in 34-digit decimal arithmetic. */
    private fun reference(delta: Double, r: Double): Triple<Double, Double, Double> {
        val context = MathContext.DECIMAL128
        val q = BigDecimal(r).divide(BigDecimal(delta), context)
        val root = BigDecimal.ONE.add(q.multiply(q, context), context).sqrt(context)
        val d = BigDecimal(delta)
        val value = d.multiply(d, context).multiply(root.subtract(BigDecimal.ONE, context), context)
        val first = BigDecimal(r).divide(root, context)
        val second = BigDecimal.ONE.divide(root.multiply(root, context).multiply(root, context), context)
        return Triple(value.toDouble(), first.toDouble(), second.toDouble())
    }

    private fun assertClose(actual: Double, expected: Double, what: String) =
        assertThat(actual).`as`(what).isCloseTo(expected, within(1e-14 * maxOf(abs(expected), Double.MIN_VALUE)))

    private fun abs(x: Double) = kotlin.math.abs(x)

    @ParameterizedTest
    @ValueSource(doubles = [0.1, 0.5, 1.0, 2.0, 10.0])
    fun `values and derivatives match the formula on random inputs`(delta: Double) {
        val random = SplittableRandom(delta.toBits())
        val loss = PseudoHuber(delta)
        repeat(500) {
            // residuals from 1e-6 to 1e3, either sign: the quadratic, the transition and the linear regime
            val y = random.nextDouble(-5.0, 5.0)
            val r = (if (random.nextBoolean()) 1 else -1) * Math.pow(10.0, random.nextDouble(-6.0, 3.0))
            val p = y + r
            val (value, first, second) = reference(delta, p - y)
            assertClose(loss.value(p, y), value, "value at r = ${p - y}")
            assertClose(loss.derivative(p, y), first, "derivative at r = ${p - y}")
            assertClose(loss.secondDerivative(p, y), second, "second derivative at r = ${p - y}")
        }
    }

    @Test
    fun `the mean over a batch is the mean of the values`() {
        // examples/plugins.yaml: r = p − y = −0.5, 1, −1, −4 with δ = 1 gives √1.25 − 1, √2 − 1, √2 − 1, √17 − 1.
        val batch = Batch.of(doubleArrayOf(1.0, 2.0, 3.0, 4.0), doubleArrayOf(1.5, 1.0, 4.0, 8.0))
        val expected = (Math.sqrt(1.25) + 2 * Math.sqrt(2.0) + Math.sqrt(17.0) - 4) / 4
        assertThat(provider.create(mapOf<String, Any>()).value(batch)).isCloseTo(expected, within(1e-15))
    }

    @Test
    fun `stays finite and exact for huge residuals`() {
        // δ²(√(1 + (r/δ)²) − 1) with (r/δ)² = 1e400 would be ∞; the loss is δ|r| − δ² to every digit.
        val loss = PseudoHuber(2.0)
        assertThat(loss.value(1e200, 0.0)).isEqualTo(2e200)
        assertThat(loss.value(-1e200, 0.0)).isEqualTo(2e200)
        assertThat(loss.derivative(1e200, 0.0)).isEqualTo(2.0)
        assertThat(loss.derivative(0.0, 1e200)).isEqualTo(-2.0)
        assertThat(loss.secondDerivative(1e200, 0.0)).isZero()
        // With δ = 1 the loss at the largest double is |r| − 1, itself the largest double.
        assertThat(PseudoHuber(1.0).value(Double.MAX_VALUE, 0.0)).isEqualTo(Double.MAX_VALUE)
    }

    @Test
    fun `keeps its digits for tiny residuals`() {
        // √(1 + 1e-16) − 1 rounds to 0 in doubles; the loss is r²/2 (minus r⁴/8δ², far below an ulp).
        val loss = PseudoHuber(1.0)
        assertThat(loss.value(1e-8, 0.0)).isCloseTo(5e-17, within(1e-31))
        assertThat(loss.value(0.0, 0.0)).isZero()
        assertThat(loss.derivative(1e-8, 0.0)).isEqualTo(1e-8)
        assertThat(loss.secondDerivative(0.0, 0.0)).isEqualTo(1.0)
    }

    @Test
    fun `rejects a delta that is not positive`() {
        assertThatThrownBy { provider.create(mapOf("delta" to 0)) }
            .isInstanceOf(InvalidParameterException::class.java)
            .hasMessage("pseudo_huber: delta (0) must be > 0")
        assertThatThrownBy { PseudoHuber(-1.0) }
            .isInstanceOf(InvalidParameterException::class.java)
            .hasMessage("pseudo_huber: delta (-1.0) must be > 0")
    }

    @Test
    fun `reads as its formula`() {
        assertThat(PseudoHuber(2.0)).hasToString("PseudoHuber(delta=2.0)")
        assertThat(provider.create(mapOf("delta" to 2))).hasToString("pseudo_huber(delta=2.0, reduction=mean)")
    }
}
