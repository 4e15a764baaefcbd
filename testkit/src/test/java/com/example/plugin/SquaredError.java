package com.example.plugin;

import org.losslab.api.Domains;
import org.losslab.api.ElementLoss;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.Task;

/**
 * Providers as a third party would write them (hence the package outside {@code org.losslab}): squared error done
 * right, and squared error broken in one way each, for the testkit's own tests.
 */
public final class SquaredError {
  private SquaredError() {}

  /** Squared error with its exact derivatives, stating the API version it was built against. */
  public static final class Correct extends Base {
    @Override
    public String apiVersion() {
      return API_VERSION;
    }
  }

  /** The first derivative is off by a factor of 2: p − y instead of 2(p − y). */
  public static final class HalfDerivative extends Base {
    @Override
    public String apiVersion() {
      return API_VERSION;
    }

    @Override
    double derivative(double prediction, double label) {
      return prediction - label;
    }
  }

  /** Does not override {@code apiVersion()}: the registry cannot tell what it was built against. */
  public static final class Unversioned extends Base {}

  /** Built against a newer minor version than the one running. */
  public static final class NewerMinor extends Base {
    @Override
    public String apiVersion() {
      return "1.1";
    }
  }

  /** Built against another major version. */
  public static final class OtherMajor extends Base {
    @Override
    public String apiVersion() {
      return "2.0";
    }
  }

  abstract static class Base implements LossProvider {
    @Override
    public String id() {
      return "squared_error";
    }

    @Override
    public String description() {
      return "squared error (p - y)^2";
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public Domains domains() {
      return Domains.REGRESSION;
    }

    double derivative(double prediction, double label) {
      return 2 * (prediction - label);
    }

    @Override
    public LossFunction create(Parameters parameters) {
      return LossFunction.elementwise(id(), parameters, domains(),
          ElementLoss.of((p, y) -> (p - y) * (p - y), this::derivative, (p, y) -> 2));
    }
  }
}
