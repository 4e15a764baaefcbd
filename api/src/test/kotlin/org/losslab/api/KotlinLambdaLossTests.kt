package org.losslab.api

import kotlin.math.abs
import kotlin.math.cosh
import kotlin.math.ln
import kotlin.math.pow
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.assertj.core.api.Assertions.within
import org.junit.jupiter.api.Test

/** The SPI as a Kotlin user meets it: losses as lambdas, providers as objects, the registry as usual. */
class KotlinLambdaLossTests {

    private val logCosh = ElementLoss { p, y -> ln(cosh(p - y)) }

    @Test
    fun `a Kotlin lambda becomes a registered loss`() {
        val provider = LossProvider.of(
            "log_cosh_kt", "log-cosh written as a Kotlin lambda", Task.REGRESSION, Domains.REGRESSION, logCosh,
        )
        val registry = LossRegistry.of(provider)

        val loss = registry.create("log_cosh_kt", emptyMap<String, Any>())
        val batch = Batch.of(doubleArrayOf(0.0, 1.0, 3.0), doubleArrayOf(0.0, 0.0, 1.0))

        // Python: math.log(math.cosh(1)) and math.log(math.cosh(2)); log cosh 0 = 0.
        val expected = (0.0 + 0.4337808304830271 + 1.3250027473578645) / 3
        assertThat(loss.value(batch)).isCloseTo(expected, within(1e-15))
        assertThat(registry.names()).containsExactly("log_cosh_kt")
    }

    @Test
    fun `a lambda gets finite-difference derivatives for free`() {
        val loss = LossProvider.of("log_cosh_kt", "log-cosh", Task.REGRESSION, Domains.REGRESSION, logCosh)
            .create(emptyMap<String, Any>())

        val derivatives = loss.firstDerivatives(Batch.of(doubleArrayOf(0.5, -2.0), doubleArrayOf(0.0, 0.0)))

        // d/dp log cosh(p) = tanh(p): tanh(0.5) = 0.46211715726000974, tanh(-2) = -0.9640275800758169.
        assertThat(derivatives[0]).isCloseTo(0.46211715726000974, within(1e-6))
        assertThat(derivatives[1]).isCloseTo(-0.9640275800758169, within(1e-6))
    }

    /** Huber with a parameter, declared the way a Kotlin plugin would: a singleton object. */
    private object HuberProvider : LossProvider {
        override fun id() = "huber_kt"

        override fun description() = "Huber loss written in Kotlin"

        override fun task() = Task.REGRESSION

        override fun domains(): Domains = Domains.REGRESSION

        override fun parameters() =
            listOf(Parameter.number("delta", 1.0, Range.greaterThan(0.0), "where the loss turns from quadratic to linear"))

        override fun create(parameters: Parameters): LossFunction {
            val delta = parameters.number("delta")
            return LossFunction.elementwise(id(), parameters, domains(), ElementLoss { p, y ->
                val r = abs(p - y)
                if (r <= delta) 0.5 * r * r else delta * (r - 0.5 * delta)
            })
        }
    }

    @Test
    fun `a provider object reads its parameter through parameters number`() {
        val registry = LossRegistry.builder().add(HuberProvider).build()

        val loss = registry.create("huber_kt", mapOf("delta" to 2))
        val batch = Batch.of(doubleArrayOf(0.5, 3.0), doubleArrayOf(0.0, 0.0))

        // By hand: |r| = 0.5 ≤ 2 gives 0.5·0.25 = 0.125; |r| = 3 > 2 gives 2·(3 − 1) = 4; mean 2.0625.
        assertThat(loss.parameters().number("delta")).isEqualTo(2.0)
        assertThat(loss.value(batch)).isEqualTo(2.0625)
        assertThat(loss.toString()).isEqualTo("huber_kt(delta=2.0, reduction=mean)")
    }

    @Test
    fun `the parameter's default applies when none is given`() {
        val loss = LossRegistry.of(HuberProvider).create("huber_kt", mapOf("reduction" to "sum"))

        // delta = 1: 0.5·0.25 = 0.125 and 1·(3 − 0.5) = 2.5.
        assertThat(loss.value(Batch.of(doubleArrayOf(0.5, 3.0), doubleArrayOf(0.0, 0.0)))).isEqualTo(2.625)
    }

    @Test
    fun `a bad parameter is reported in the house style`() {
        val registry = LossRegistry.of(HuberProvider)

        assertThatThrownBy { registry.create("huber_kt", mapOf("delta" to -1)) }
            .isInstanceOf(InvalidParameterException::class.java)
            .hasMessage("huber_kt: delta (-1) must be > 0")
    }

    @Test
    fun `a Kotlin row loss works with class-index labels`() {
        // Mean squared distance of each row from the one-hot vector of its class index.
        val rowLoss = RowLoss { p, y ->
            val label = y[0].toInt()
            p.indices.sumOf { j ->
                val target = if (j == label) 1.0 else 0.0
                (p[j] - target).pow(2)
            }
        }
        val loss = LossFunction.rowwise(
            "brier_kt",
            Parameters.validate("brier_kt", emptyList(), emptyMap<String, Any>()),
            Domains(PredictionDomain.PROBABILITY, LabelDomain.CLASS),
            rowLoss,
        )
        val batch = Batch.of(
            arrayOf(doubleArrayOf(0.7, 0.3), doubleArrayOf(0.4, 0.6)),
            arrayOf(doubleArrayOf(0.0), doubleArrayOf(0.0)),
        )

        // By hand: row 0: 0.3² + 0.3² = 0.18; row 1: 0.6² + 0.6² = 0.72; mean over rows 0.45.
        assertThat(loss.value(batch)).isCloseTo(0.45, within(1e-15))
    }
}
