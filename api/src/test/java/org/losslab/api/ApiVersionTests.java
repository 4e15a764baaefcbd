package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPI versioning: a provider states the API version it was built against; the registry refuses what cannot run. */
class ApiVersionTests {

  private static LossProvider builtFor(String version) {
    LossProvider lambda = LossProvider.of("versioned", "a provider stating " + version, Task.REGRESSION,
        Domains.REGRESSION, (p, y) -> Math.abs(p - y));
    return new LossProvider() {
      @Override
      public String apiVersion() {
        return version;
      }

      @Override
      public String id() {
        return lambda.id();
      }

      @Override
      public String description() {
        return lambda.description();
      }

      @Override
      public Task task() {
        return lambda.task();
      }

      @Override
      public Domains domains() {
        return lambda.domains();
      }

      @Override
      public LossFunction create(Parameters parameters) {
        return lambda.create(parameters);
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.00"})
  void aProviderBuiltForThisOrAnOlderMinorVersionLoads(String version) {
    // This API is 1.0, so "an older minor" can only be 1.0 itself; the rule is minor <= ours.
    assertThat(LossProvider.API_VERSION).isEqualTo("1.0");
    LossRegistry registry = LossRegistry.of(builtFor(version));
    assertThat(registry.problems()).isEmpty();
    assertThat(registry.find("versioned")).isPresent();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2.0 | versioned: built for losslab API 2.0, but this losslab has API 1.0 (a different major version is incompatible)",
      "0.9 | versioned: built for losslab API 0.9, but this losslab has API 1.0 (a different major version is incompatible)",
      "1.1 | versioned: built for losslab API 1.1, newer than this losslab's API 1.0; upgrade losslab",
      "one | versioned: API version \"one\" is not major.minor"})
  void anIncompatibleProviderIsRefusedWithBothVersions(String version, String reason) {
    LossRegistry registry = LossRegistry.of(builtFor(version));

    assertThat(registry.find("versioned")).isEmpty();
    assertThat(registry.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo(reason);
      assertThat(problem.ids()).containsExactly("versioned");
    });
    assertThat(org.junit.jupiter.api.Assertions.assertThrows(LossException.class,
        () -> registry.provider("versioned"))).hasMessage("loss \"versioned\" is unavailable: " + reason);
  }
}
