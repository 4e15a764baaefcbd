package org.losslab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.losslab.api.LossProvider;

/**
 * The {@link LossContract} as JUnit 5 tests: extend this class and every provider your jar registers gets one test
 * per contract check, named after the check ({@code derivatives match finite differences}, {@code API version
 * compatible}, …) and failing with what the check found.
 *
 * <pre>{@code
 * class QuantileContractTests extends LossProviderContract {}
 * }</pre>
 *
 * <p>By default the providers are those {@link ServiceLoader} finds through the test class's class loader: for a
 * plugin's own tests, the ones its {@code META-INF/services/org.losslab.api.LossProvider} lists, which is how
 * losslab will find them too. To check other providers, or to build them with arguments, override
 * {@link #providers()}:
 *
 * <pre>{@code
 * class QuantileContractTests extends LossProviderContract {
 *   @Override
 *   protected List<LossProvider> providers() {
 *     return List.of(new QuantileProvider());
 *   }
 * }
 * }</pre>
 *
 * <p>Add {@code losslab-testkit} and {@code junit-jupiter} with {@code test} scope; the testkit declares JUnit as
 * optional, so that it does not reach a jar that uses {@link LossContract} alone.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public abstract class LossProviderContract {
  private static final int MAX_FAILURES_IN_A_ROW = 100;

  /** One container per provider, one test per {@link LossContract} check. */
  @TestFactory
  public Stream<DynamicContainer> contract() {
    List<LossProvider> providers = providers();
    if (providers.isEmpty()) {
      throw new AssertionError(getClass().getSimpleName() + ".providers() returned no provider to check");
    }
    // The checks of a provider run when JUnit reaches its container, not while the tests are being listed.
    return providers.stream().map(provider -> DynamicContainer.dynamicContainer(name(provider),
        Stream.of(provider).flatMap(p -> LossContract.run(p).stream()).map(LossProviderContract::test)));
  }

  /**
   * The providers to check: by default every one {@link ServiceLoader} finds through this test class's class
   * loader. Fails when there is none, or when a listed provider cannot be loaded.
   */
  protected List<LossProvider> providers() {
    return discover(getClass().getClassLoader());
  }

  /** Every provider registered for {@code loader}; an {@link AssertionError} naming each one that fails to load. */
  static List<LossProvider> discover(ClassLoader loader) {
    List<LossProvider> providers = new ArrayList<>();
    Set<String> problems = new LinkedHashSet<>();
    Iterator<LossProvider> iterator = ServiceLoader.load(LossProvider.class, loader).iterator();
    // A malformed services file fails on every call; stop once the errors stop making progress.
    int failuresInARow = 0;
    while (failuresInARow < MAX_FAILURES_IN_A_ROW) {
      try {
        if (!iterator.hasNext()) {
          break;
        }
        providers.add(iterator.next());
        failuresInARow = 0;
      } catch (ServiceConfigurationError e) {
        problems.add(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
        failuresInARow++;
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(problems.size() + " provider(s) listed in META-INF/services/"
          + LossProvider.class.getName() + " could not be loaded (a public class with a public no-argument "
          + "constructor that implements LossProvider is needed):\n  " + String.join("\n  ", problems));
    }
    if (providers.isEmpty()) {
      throw new AssertionError("no LossProvider found through the test's class loader: is the services file "
          + "missing? It is src/main/resources/META-INF/services/" + LossProvider.class.getName()
          + ", with one line per provider naming its class (e.g. com.example.quantile.QuantileProvider). "
          + "Or override providers() to list them.");
    }
    return List.copyOf(providers);
  }

  private static String name(LossProvider provider) {
    String id;
    try {
      id = provider.id();
    } catch (RuntimeException e) {
      id = "(id() threw " + e + ")";
    }
    return id + " (" + provider.getClass().getName() + ")";
  }

  private static DynamicTest test(LossContract.Result result) {
    return DynamicTest.dynamicTest(result.check(), () -> {
      if (!result.passed()) {
        throw new AssertionError(result.provider() + ": " + result.check() + ": " + result.detail());
      }
    });
  }
}
