package org.losslab.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.plugin.SquaredError;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.Domains;
import org.losslab.api.LossProvider;
import org.losslab.api.Task;

/** The contract catches what it promises to: deliberately broken providers fail, a correct one passes. */
class LossProviderContractTests {
  private static final String DERIVATIVES = "derivatives match finite differences";
  private static final String STATES_VERSION = "states the API version it was built against";
  private static final String COMPATIBLE = "API version compatible";

  /** Check name → failure message (empty when the check passed), for one provider run through the factory. */
  private static Map<String, String> outcomes(LossProvider provider) {
    LossProviderContract contract = new LossProviderContract() {
      @Override
      protected List<LossProvider> providers() {
        return List.of(provider);
      }
    };
    List<DynamicContainer> containers = contract.contract().toList();
    assertThat(containers).hasSize(1);
    assertThat(containers.get(0).getDisplayName())
        .isEqualTo(provider.id() + " (" + provider.getClass().getName() + ")");
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (DynamicNode node : containers.get(0).getChildren().toList()) {
      DynamicTest test = (DynamicTest) node;
      try {
        test.getExecutable().execute();
        outcomes.put(test.getDisplayName(), "");
      } catch (Throwable failure) {
        outcomes.put(test.getDisplayName(), String.valueOf(failure.getMessage()));
      }
    }
    return outcomes;
  }

  private static Map<String, String> failures(Map<String, String> outcomes) {
    Map<String, String> failures = new LinkedHashMap<>(outcomes);
    failures.values().removeIf(String::isEmpty);
    return failures;
  }

  @Test
  void aCorrectProviderPassesEveryCheck() {
    Map<String, String> outcomes = outcomes(new SquaredError.Correct());
    assertThat(outcomes).containsKeys("metadata", STATES_VERSION, COMPATIBLE, "defaults are valid",
        "unknown parameter rejected", DERIVATIVES, "reductions agree (sum = total·mean, none sums to sum)",
        "shape mismatch rejected", "empty input rejected", "NaN rejected with its row", "deterministic");
    assertThat(failures(outcomes)).isEmpty();
  }

  @Test
  void aDerivativeOffByAFactorOfTwoFailsTheDerivativeCheckOnly() {
    Map<String, String> failures = failures(outcomes(new SquaredError.HalfDerivative()));
    assertThat(failures).containsOnlyKeys(DERIVATIVES);
    assertThat(failures.get(DERIVATIVES)).startsWith("squared_error: " + DERIVATIVES + ": AssertionError: ")
        .contains("first derivative at row 0, column 0");
  }

  @Test
  void aProviderThatDoesNotOverrideApiVersionFailsWithTheOneLineFix() {
    Map<String, String> failures = failures(outcomes(new SquaredError.Unversioned()));
    assertThat(failures).containsOnlyKeys(STATES_VERSION);
    assertThat(failures.get(STATES_VERSION))
        .contains(SquaredError.Unversioned.class.getName() + " does not override apiVersion()")
        .contains("public String apiVersion() { return API_VERSION; }");
  }

  @Test
  void aNewerMinorOrAnotherMajorVersionIsIncompatible() {
    assertThat(failures(outcomes(new SquaredError.NewerMinor()))).containsOnlyKeys(COMPATIBLE)
        .containsValue("squared_error: " + COMPATIBLE + ": AssertionError: built for losslab API 1.1, newer than "
            + "this losslab's API 1.0; build against losslab-api 1.0 or upgrade losslab");
    assertThat(failures(outcomes(new SquaredError.OtherMajor()))).containsOnlyKeys(COMPATIBLE)
        .containsValue("squared_error: " + COMPATIBLE + ": AssertionError: built for losslab API 2.0, but this "
            + "losslab has API 1.0 (a different major version is incompatible)");
  }

  @Test
  void aProviderThatShipsWithLosslabNeedNotStateItsVersion() {
    // LossProvider.of builds an anonymous class inside losslab-api: it always runs on the API it was built with.
    LossProvider lambda = LossProvider.of("squared_error", "squared error (p - y)^2", Task.REGRESSION,
        Domains.REGRESSION, (p, y) -> (p - y) * (p - y));
    List<LossContract.Result> results = LossContract.run(lambda);
    assertThat(results).filteredOn(r -> r.check().equals(STATES_VERSION)).singleElement()
        .satisfies(r -> assertThat(r.passed()).isTrue());
  }

  @Test
  void findsTheProvidersOfTheServicesFileByDefault() {
    assertThat(new SquaredErrorContractTests().providers()).singleElement()
        .isInstanceOf(SquaredError.Correct.class);
  }

  @Test
  void saysTheServicesFileMayBeMissingWhenNoProviderIsFound() throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      assertThatThrownBy(() -> LossProviderContract.discover(empty))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("no LossProvider found through the test's class loader: "
              + "is the services file missing?")
          .hasMessageContaining("src/main/resources/META-INF/services/org.losslab.api.LossProvider");
    }
  }

  @Test
  void namesAListedProviderThatCannotBeLoaded(@TempDir Path folder) throws IOException {
    Path services = folder.resolve("META-INF/services/" + LossProvider.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, "com.example.plugin.NoSuchProvider\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> LossProviderContract.discover(loader))
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith(
              "1 provider(s) listed in META-INF/services/org.losslab.api.LossProvider could not be loaded")
          .hasMessageContaining("com.example.plugin.NoSuchProvider not found");
    }
  }

  @Test
  void aTestClassWithoutProvidersFailsClearly() {
    LossProviderContract none = new LossProviderContract() {
      @Override
      protected List<LossProvider> providers() {
        return List.of();
      }
    };
    assertThatThrownBy(none::contract).isInstanceOf(AssertionError.class).hasMessageEndingWith(
        ".providers() returned no provider to check");
  }
}
