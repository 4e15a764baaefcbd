package org.losslab.api;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The {@link java.util.ServiceLoader} entry for a loss: what it is called, what it takes, what it accepts, and a
 * factory for configured {@link LossFunction}s.
 *
 * <p>Register an implementation in {@code META-INF/services/org.losslab.api.LossProvider}. It needs a public
 * no-argument constructor and should do no work in it. New methods arrive as {@code default} methods, so a
 * provider built against an older version keeps working.
 */
@API(status = STABLE, since = "0.1")
public interface LossProvider {

  /**
   * The version of this SPI, {@code major.minor}. A provider built against 1.0 loads into every 1.x; one built
   * against a newer minor version, or another major version, is refused with both versions in the message.
   */
  String API_VERSION = "1.0";

  /** The stable id users type, {@code snake_case}: {@code huber}. */
  String id();

  /** Other ids that name this loss ({@code mae} for {@code l1}); a renamed loss keeps its old id here. */
  default List<String> aliases() {
    return List.of();
  }

  /** One line saying what the loss is. */
  String description();

  /** Regression or classification. */
  Task task();

  /** The loss's own parameters; {@code reduction} is added by the framework and need not be declared. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /** The inputs the loss accepts under its default parameters. */
  Domains domains();

  /** The formula in plain text, for {@code losslab describe}; empty when the provider gives none. */
  @API(status = EXPERIMENTAL, since = "0.1")
  default String formula() {
    return "";
  }

  /**
   * The SPI version this provider was compiled against. Override it as {@code return API_VERSION;}: javac copies
   * the constant into the provider's class, so it records the version the provider was <em>built</em> with, which
   * is what the registry checks. The default (not overridden) claims the running version and is never refused.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  default String apiVersion() {
    return API_VERSION;
  }

  /** A configured loss function from parameters already validated against {@link #parameters()}. */
  LossFunction create(Parameters parameters);

  /**
   * Validates raw parameter values (as read from YAML or typed in code) and creates the loss function.
   *
   * @throws InvalidParameterException for an unknown parameter, a wrong type or an out-of-range value
   */
  default LossFunction create(Map<String, ?> parameters) {
    return create(Parameters.validate(id(), parameters(), parameters));
  }

  /**
   * A provider for a parameterless element-wise loss, such as a lambda: {@code LossProvider.of("squared",
   * "squared error", Task.REGRESSION, Domains.REGRESSION, (p, y) -> (p - y) * (p - y))}.
   */
  static LossProvider of(String id, String description, Task task, Domains domains, ElementLoss loss) {
    return new LossProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Task task() {
        return task;
      }

      @Override
      public Domains domains() {
        return domains;
      }

      @Override
      public LossFunction create(Parameters parameters) {
        return LossFunction.elementwise(id, parameters, domains, loss);
      }

      @Override
      public String toString() {
        return "LossProvider(" + id + ")";
      }
    };
  }
}
