package org.losslab.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.api.Task;
import org.losslab.testkit.LossContract;

/** Every provider this module registers, found the way users find them: through {@link LossRegistry#load()}. */
class ClassificationProvidersTests {

  static List<LossProvider> providers() {
    return LossRegistry.load().providers();
  }

  @Test
  void theRegistryFindsExactlyTheClassificationLossesWithoutProblems() {
    LossRegistry registry = LossRegistry.load();

    assertThat(registry.problems()).isEmpty();
    assertThat(registry.names()).containsExactly("balanced_cross_entropy", "binary_cross_entropy",
        "categorical_cross_entropy", "focal", "hinge", "squared_hinge", "weighted_cross_entropy");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void keepsTheLossContract(LossProvider provider) {
    LossContract.assertValid(provider);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void describesItself(LossProvider provider) {
    assertThat(provider.task()).isEqualTo(Task.CLASSIFICATION);
    assertThat(provider.formula()).isNotBlank().doesNotContain("\n");
    assertThat(provider.create(Map.of()).domains()).isEqualTo(provider.domains());
    assertThat(provider.create(Map.of()).name()).isEqualTo(provider.id());
  }
}
