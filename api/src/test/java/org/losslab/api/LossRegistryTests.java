package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery through {@link java.util.ServiceLoader}: each test writes a service file into a temporary directory
 * and loads it with a class loader whose parent is this test's, so the provider classes below are found while
 * the service file is the test's own.
 */
class LossRegistryTests {
  private static final String SERVICE_FILE = "META-INF/services/" + LossProvider.class.getName();

  @TempDir
  Path directory;

  // --- fixtures: providers the service files name ----------------------------------------------------------------

  /** pinball(τ) = max(τ·(y − p), (τ − 1)·(y − p)), alias quantile. */
  public static final class PinballProvider implements LossProvider {
    @Override
    public String id() {
      return "pinball";
    }

    @Override
    public List<String> aliases() {
      return List.of("quantile");
    }

    @Override
    public String description() {
      return "quantile (pinball) loss";
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(Parameter.number("tau", 0.5, Range.open(0, 1), "the quantile"));
    }

    @Override
    public Domains domains() {
      return Domains.REGRESSION;
    }

    @Override
    public LossFunction create(Parameters parameters) {
      double tau = parameters.number("tau");
      return LossFunction.elementwise(id(), parameters, domains(),
          (p, y) -> Math.max(tau * (y - p), (tau - 1) * (y - p)));
    }
  }

  /** A second well-behaved provider. */
  public static final class SquaredProvider extends SimpleProvider {
    public SquaredProvider() {
      super("squared");
    }
  }

  /** Its constructor fails, as a provider missing a licence file might. */
  public static final class ThrowingProvider extends SimpleProvider {
    public ThrowingProvider() {
      super("throwing");
      throw new IllegalStateException("no licence");
    }
  }

  /** Claims the id "twin". */
  public static final class TwinA extends SimpleProvider {
    public TwinA() {
      super("twin");
    }
  }

  /** Claims the id "twin" too. */
  public static final class TwinB extends SimpleProvider {
    public TwinB() {
      super("twin");
    }
  }

  /** Id "absolute", with an alias that is {@link SquaredProvider}'s id. */
  public static final class AliasClashProvider extends SimpleProvider {
    public AliasClashProvider() {
      super("absolute", "squared");
    }
  }

  /** Id "Bad-Id", which is not snake_case. */
  public static final class BadIdProvider extends SimpleProvider {
    public BadIdProvider() {
      super("Bad-Id");
    }
  }

  /** Throws when asked for its description. */
  public static final class BrokenDescriptionProvider extends SimpleProvider {
    public BrokenDescriptionProvider() {
      super("broken");
    }

    @Override
    public String description() {
      throw new UnsupportedOperationException("not yet");
    }
  }

  /** A squared-error provider with a chosen id and aliases. */
  abstract static class SimpleProvider implements LossProvider {
    private final String id;
    private final List<String> aliases;

    SimpleProvider(String id, String... aliases) {
      this.id = id;
      this.aliases = List.of(aliases);
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<String> aliases() {
      return aliases;
    }

    @Override
    public String description() {
      return "squared error under the name " + id;
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public Domains domains() {
      return Domains.REGRESSION;
    }

    @Override
    public LossFunction create(Parameters parameters) {
      return LossFunction.elementwise(id, parameters, domains(), (p, y) -> (p - y) * (p - y));
    }
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  /** Loads a registry from a service file listing these entries (class names, or any line a file may hold). */
  private LossRegistry loadWithServiceFile(String... lines) {
    return withServiceFile(LossRegistry::load, lines);
  }

  private <T> T withServiceFile(Function<ClassLoader, T> use, String... lines) {
    try {
      Path file = directory.resolve(SERVICE_FILE);
      Files.createDirectories(file.getParent());
      Files.write(file, List.of(lines));
      try (URLClassLoader loader = new URLClassLoader(new URL[] {directory.toUri().toURL()},
          LossRegistryTests.class.getClassLoader())) {
        return use.apply(loader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> ids(LossRegistry registry) {
    return registry.providers().stream().map(LossProvider::id).toList();
  }

  // --- discovery -------------------------------------------------------------------------------------------------

  @Test
  void theTestClassPathRegistersNoLosses() {
    LossRegistry registry = LossRegistry.load();

    assertThat(registry.providers()).isEmpty();
    assertThat(registry.problems()).isEmpty();
    assertThat(registry.names()).isEmpty();
  }

  @Test
  void findsProvidersNamedInTheServiceFile() {
    LossRegistry registry = loadWithServiceFile(
        "# comments and blank lines are allowed", "",
        SquaredProvider.class.getName(),
        PinballProvider.class.getName() + "  # trailing comment");

    assertThat(registry.problems()).isEmpty();
    assertThat(ids(registry)).containsExactly("pinball", "squared");
    assertThat(registry.names()).containsExactly("pinball", "quantile", "squared");
    assertThat(registry.provider("pinball")).isInstanceOf(PinballProvider.class);
    assertThat(registry.provider("quantile")).isSameAs(registry.provider("pinball"));
    assertThat(registry.find("squared")).containsInstanceOf(SquaredProvider.class);
    assertThat(registry.find("absolute")).isEmpty();
  }

  @Test
  void aServiceEntryNamingAMissingClassIsAProblemAndTheOthersStillLoad() {
    LossRegistry registry = loadWithServiceFile(
        SquaredProvider.class.getName(), "org.losslab.api.NoSuchProvider", PinballProvider.class.getName());

    assertThat(ids(registry)).containsExactly("pinball", "squared");
    assertThat(registry.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.providerClass()).isEqualTo("org.losslab.api.NoSuchProvider");
      assertThat(problem.reason())
          .isEqualTo("class not found (the service file names a class that is not on the class path)");
      assertThat(problem.ids()).isEmpty();
      assertThat(problem.cause()).isInstanceOf(ServiceConfigurationError.class);
      assertThat(problem.message()).isEqualTo("org.losslab.api.NoSuchProvider: " + problem.reason());
    });
  }

  @Test
  void aProviderWhoseConstructorThrowsIsAProblemAndTheOthersStillLoad() {
    LossRegistry registry = loadWithServiceFile(
        ThrowingProvider.class.getName(), SquaredProvider.class.getName());

    assertThat(ids(registry)).containsExactly("squared");
    assertThat(registry.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.providerClass()).isEqualTo(ThrowingProvider.class.getName());
      assertThat(problem.reason()).isEqualTo("could not be instantiated: IllegalStateException: no licence");
      assertThat(problem.cause()).isInstanceOf(ServiceConfigurationError.class)
          .hasRootCauseInstanceOf(IllegalStateException.class);
      assertThat(problem.message()).isEqualTo(ThrowingProvider.class.getName()
          + ": could not be instantiated: IllegalStateException: no licence");
    });
  }

  @Test
  void twoProvidersWithTheSameIdMakeItUnusableAndTheProblemNamesBoth() {
    LossRegistry registry = loadWithServiceFile(
        TwinA.class.getName(), SquaredProvider.class.getName(), TwinB.class.getName());

    String reason = "duplicate loss id \"twin\": provided by both " + TwinA.class.getName() + " and "
        + TwinB.class.getName() + "; neither is used";
    assertThat(ids(registry)).containsExactly("squared");
    assertThat(registry.find("twin")).isEmpty();
    assertThat(registry.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo(reason);
      assertThat(problem.ids()).containsExactly("twin");
    });

    LossException e = assertThrows(LossException.class, () -> registry.provider("twin"));
    assertThat(e).isNotInstanceOf(UnknownLossException.class)
        .hasMessage("loss \"twin\" is unavailable: " + reason);
  }

  @Test
  void anAliasClashingWithAnotherIdIsIgnoredWhicheverComesFirst() {
    LossRegistry registry = loadWithServiceFile(
        AliasClashProvider.class.getName(), SquaredProvider.class.getName());

    assertThat(ids(registry)).containsExactly("absolute", "squared");
    assertThat(registry.provider("squared")).isInstanceOf(SquaredProvider.class);
    assertThat(registry.provider("absolute")).isInstanceOf(AliasClashProvider.class);
    assertThat(registry.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.providerClass()).isEqualTo(AliasClashProvider.class.getName());
      assertThat(problem.ids()).containsExactly("squared");
      assertThat(problem.reason()).isEqualTo("alias \"squared\" of absolute is already taken by "
          + SquaredProvider.class.getName() + "; the alias is ignored");
    });
  }

  @Test
  void anIdThatIsNotSnakeCaseIsAProblemAndTheOthersStillLoad() {
    LossRegistry registry = loadWithServiceFile(BadIdProvider.class.getName(), PinballProvider.class.getName());

    assertThat(ids(registry)).containsExactly("pinball");
    assertThat(registry.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.providerClass()).isEqualTo(BadIdProvider.class.getName());
      assertThat(problem.reason()).isEqualTo("id \"Bad-Id\" is not snake_case ([a-z][a-z0-9_]*)");
    });
  }

  @Test
  void aProviderThatThrowsDescribingItselfIsAProblem() {
    LossRegistry registry = loadWithServiceFile(
        BrokenDescriptionProvider.class.getName(), SquaredProvider.class.getName());

    assertThat(ids(registry)).containsExactly("squared");
    assertThat(registry.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.reason()).isEqualTo("describing itself threw UnsupportedOperationException: not yet");
      assertThat(problem.ids()).containsExactly("broken");
    });
  }

  @Test
  void askingForALossLostToAMalformedProviderReportsTheProblem() {
    LossRegistry registry = loadWithServiceFile(BrokenDescriptionProvider.class.getName());

    LossException e = assertThrows(LossException.class, () -> registry.provider("broken"));

    assertThat(e).isNotInstanceOf(UnknownLossException.class)
        .hasMessage("loss \"broken\" is unavailable: describing itself threw UnsupportedOperationException: not yet");
  }

  @Test
  void everyKindOfProblemAtOnceLeavesTheGoodProvidersUsable() {
    LossRegistry registry = loadWithServiceFile(
        ThrowingProvider.class.getName(),
        "org.losslab.api.NoSuchProvider",
        TwinA.class.getName(),
        PinballProvider.class.getName(),
        BadIdProvider.class.getName(),
        TwinB.class.getName(),
        AliasClashProvider.class.getName(),
        SquaredProvider.class.getName());

    assertThat(ids(registry)).containsExactly("absolute", "pinball", "squared");
    assertThat(registry.names()).containsExactly("absolute", "pinball", "quantile", "squared");
    assertThat(registry.problems()).extracting(LoadProblem::providerClass).containsExactlyInAnyOrder(
        ThrowingProvider.class.getName(), "org.losslab.api.NoSuchProvider", BadIdProvider.class.getName(),
        TwinB.class.getName(), AliasClashProvider.class.getName());
  }

  @Test
  void builderCombinesDiscoveredAndAddedProviders() {
    LossRegistry registry = withServiceFile(loader -> LossRegistry.builder()
        .load(loader)
        .add(LossProvider.of("huber_like", "a lambda", Task.REGRESSION, Domains.REGRESSION, (p, y) -> Math.abs(p - y)))
        .build(), PinballProvider.class.getName());

    assertThat(ids(registry)).containsExactly("huber_like", "pinball");
  }

  @Test
  void anAddedProviderCanClashWithADiscoveredOne() {
    LossRegistry registry = withServiceFile(loader -> LossRegistry.builder()
        .load(loader)
        .add(new SquaredProvider())
        .build(), SquaredProvider.class.getName());

    assertThat(registry.providers()).isEmpty();
    assertThat(registry.problems()).singleElement()
        .satisfies(problem -> assertThat(problem.reason()).startsWith("duplicate loss id \"squared\""));
  }

  // --- lookup ----------------------------------------------------------------------------------------------------

  private static final LossRegistry REGISTRY = LossRegistry.of(
      new PinballProvider(), new SquaredProvider(),
      LossProvider.of("huber", "stand-in for huber", Task.REGRESSION, Domains.REGRESSION, (p, y) -> 0));

  @Test
  void anUnknownIdSuggestsCloseOnes() {
    UnknownLossException e = assertThrows(UnknownLossException.class, () -> REGISTRY.provider("hubr"));

    assertThat(e).hasMessage("unknown loss \"hubr\"; did you mean huber? (see losslab list)");
    assertThat(e.id()).isEqualTo("hubr");
    assertThat(e.suggestions()).containsExactly("huber");
  }

  @Test
  void anUnknownIdWithNothingCloseSuggestsNothing() {
    UnknownLossException e = assertThrows(UnknownLossException.class, () -> REGISTRY.provider("focal"));

    assertThat(e).hasMessage("unknown loss \"focal\" (see losslab list)");
    assertThat(e.suggestions()).isEmpty();
  }

  @Test
  void aliasesAreSuggestedToo() {
    assertThat(assertThrows(UnknownLossException.class, () -> REGISTRY.provider("quantil")).suggestions())
        .containsExactly("quantile");
  }

  @Test
  void createValidatesTheParametersAndConfiguresTheLoss() {
    LossFunction loss = REGISTRY.create("pinball", Map.of("tau", 0.9));

    assertThat(loss.name()).isEqualTo("pinball");
    assertThat(loss.parameters().asMap()).containsExactly(Map.entry("tau", 0.9), Map.entry("reduction", "mean"));
    // Residuals y − p = 2 and −1: 0.9·2 = 1.8 and (0.9 − 1)·(−1) = 0.1; mean 0.95.
    assertThat(loss.value(Batch.of(new double[] {0, 1}, new double[] {2, 0}))).isCloseTo(0.95, within(1e-15));
  }

  @Test
  void createThroughAnAliasUsesDefaults() {
    LossFunction loss = REGISTRY.create("quantile", Map.of("reduction", "sum"));

    assertThat(loss.parameters()).hasToString("tau=0.5, reduction=sum");
    assertThat(loss.value(Batch.of(new double[] {0, 1}, new double[] {2, 0}))).isEqualTo(1.0 + 0.5);
  }

  @Test
  void createRejectsBadParametersNamingTheLoss() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> REGISTRY.create("pinball", Map.of("tau", 1.5)));
    assertThat(e).hasMessage("pinball: tau (1.5) must be in (0, 1)");

    assertThat(assertThrows(InvalidParameterException.class, () -> REGISTRY.create("squared", Map.of("delta", 1))))
        .hasMessage("squared: unknown parameter \"delta\" (squared takes reduction)");
  }

  @Test
  void createWithAnUnknownIdFailsBeforeLookingAtParameters() {
    assertThrows(UnknownLossException.class, () -> REGISTRY.create("hubr", Map.of("nonsense", 1)));
  }
}
