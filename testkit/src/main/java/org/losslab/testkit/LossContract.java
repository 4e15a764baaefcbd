package org.losslab.testkit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.losslab.api.Batch;
import org.losslab.api.Domains;
import org.losslab.api.InvalidInputException;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LabelDomain;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameter;
import org.losslab.api.ParameterType;
import org.losslab.api.PredictionDomain;
import org.losslab.api.Range;

/**
 * The contract every loss keeps, checked for one provider: well-formed metadata, the API version it was built
 * against, parameter validation, derivatives against finite differences, reduction consistency, input errors,
 * determinism. A new loss gets these checks for free; a plugin author runs them by extending
 * {@link LossProviderContract}, or from any test with {@link #assertValid(LossProvider)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LossContract {
  private static final int ROWS = 12;
  private static final int COLUMNS = 2;
  private static final int CLASSES = 3;
  private static final long SEED = 20261128L;
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

  private LossContract() {}

  /** One named check and its outcome. */
  public record Result(String provider, String check, boolean passed, String detail) {}

  /** Runs every check; never throws for a misbehaving provider, every problem becomes a failed {@link Result}. */
  public static List<Result> run(LossProvider provider) {
    String id = safeId(provider);
    List<Result> results = new ArrayList<>();
    check(results, id, "metadata", () -> metadata(provider));
    check(results, id, "states the API version it was built against", () -> statesApiVersion(provider));
    check(results, id, "API version compatible", () -> compatibleApiVersion(provider));
    check(results, id, "defaults are valid", () -> {
      provider.create(Map.of());
      return "";
    });
    check(results, id, "unknown parameter rejected", () -> rejects(provider, Map.of("no_such_parameter", 1), "no_such_parameter"));
    for (Parameter parameter : parametersOrNone(provider)) {
      Object outside = outside(parameter);
      if (outside != null) {
        check(results, id, "out-of-range " + parameter.name() + " rejected",
            () -> rejects(provider, Map.of(parameter.name(), outside), parameter.name()));
      }
    }
    check(results, id, "derivatives match finite differences", () -> derivatives(provider));
    check(results, id, "reductions agree (sum = total·mean, none sums to sum)", () -> reductions(provider));
    check(results, id, "shape mismatch rejected", () -> expectInputError(provider,
        () -> Batch.ofRows(new double[ROWS * width(provider)], width(provider), new double[(ROWS - 1) * labelWidth(provider)],
            labelWidth(provider)), "does not match"));
    check(results, id, "empty input rejected",
        () -> expectInputError(provider, () -> Batch.ofRows(new double[0], width(provider), new double[0], labelWidth(provider)), "empty"));
    check(results, id, "NaN rejected with its row", () -> expectInputError(provider, () -> {
      Batch batch = random(provider, SEED);
      double[] predictions = predictions(batch);
      predictions[predictions.length - 1] = Double.NaN;
      return Batch.ofRows(predictions, batch.predictionColumns(), labels(batch), batch.labelColumns());
    }, "row " + (ROWS - 1)));
    check(results, id, "out-of-domain value rejected", () -> domainError(provider));
    check(results, id, "deterministic", () -> {
      LossFunction loss = provider.create(Map.of());
      Batch batch = random(provider, SEED + 1);
      double first = loss.value(batch);
      double second = loss.value(random(provider, SEED + 1));
      if (Double.doubleToLongBits(first) != Double.doubleToLongBits(second)) {
        throw new AssertionError("two evaluations of the same batch gave " + first + " and " + second);
      }
      return "";
    });
    return results;
  }

  /** Runs every check and throws an {@link AssertionError} listing the failures. */
  public static void assertValid(LossProvider provider) {
    List<Result> failures = run(provider).stream().filter(r -> !r.passed()).toList();
    if (!failures.isEmpty()) {
      StringBuilder message = new StringBuilder(safeId(provider) + ": " + failures.size() + " contract check(s) failed");
      for (Result failure : failures) {
        message.append("\n  ").append(failure.check()).append(": ").append(failure.detail());
      }
      throw new AssertionError(message);
    }
  }

  private static void check(List<Result> results, String id, String name, Supplier<String> body) {
    try {
      results.add(new Result(id, name, true, body.get()));
    } catch (AssertionError | RuntimeException | LinkageError e) {
      results.add(new Result(id, name, false, e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private static String metadata(LossProvider provider) {
    if (!provider.id().matches("[a-z][a-z0-9_]*")) {
      throw new AssertionError("id \"" + provider.id() + "\" is not snake_case");
    }
    String description = provider.description();
    if (description.isBlank() || description.contains("\n") || description.length() > 120) {
      throw new AssertionError("description must be one line of at most 120 characters: \"" + description + "\"");
    }
    for (Parameter parameter : provider.parameters()) {
      if (parameter.description().isBlank()) {
        throw new AssertionError("parameter " + parameter.name() + " has no description");
      }
    }
    return "";
  }

  /**
   * A provider that does not override {@code apiVersion()} inherits the default, which claims whatever version is
   * running, so the registry cannot refuse it when it was built against an incompatible one. Providers made by the
   * api itself ({@link LossProvider#of}, classes in {@code org.losslab.api}) are exempt: they are the API.
   */
  private static String statesApiVersion(LossProvider provider) {
    Class<?> type = provider.getClass();
    if (type.getPackageName().equals(LossProvider.class.getPackageName())) {
      return "made by the api (LossProvider.of), so it is built with the API it runs on";
    }
    Method method;
    try {
      method = type.getMethod("apiVersion");
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
    if (method.getDeclaringClass() == LossProvider.class) {
      throw new AssertionError(type.getName() + " does not override apiVersion(), so losslab cannot tell which API "
          + "it was built against; add to it: public String apiVersion() { return API_VERSION; } "
          + "(in Kotlin: override fun apiVersion() = LossProvider.API_VERSION)");
    }
    return "built against API " + provider.apiVersion();
  }

  /** The rule {@link org.losslab.api.LossRegistry} applies: the same major version, a minor version no newer. */
  private static String compatibleApiVersion(LossProvider provider) {
    String version = provider.apiVersion();
    Matcher stated = VERSION.matcher(String.valueOf(version));
    Matcher ours = VERSION.matcher(LossProvider.API_VERSION);
    if (!stated.matches() || !ours.matches()) {
      throw new AssertionError("API version \"" + version + "\" is not major.minor");
    }
    if (Integer.parseInt(stated.group(1)) != Integer.parseInt(ours.group(1))) {
      throw new AssertionError("built for losslab API " + version + ", but this losslab has API "
          + LossProvider.API_VERSION + " (a different major version is incompatible)");
    }
    if (Integer.parseInt(stated.group(2)) > Integer.parseInt(ours.group(2))) {
      throw new AssertionError("built for losslab API " + version + ", newer than this losslab's API "
          + LossProvider.API_VERSION + "; build against losslab-api " + LossProvider.API_VERSION
          + " or upgrade losslab");
    }
    return "API " + version + " runs on API " + LossProvider.API_VERSION;
  }

  /** The declared parameters, or none when asking throws (the metadata check reports that). */
  private static List<Parameter> parametersOrNone(LossProvider provider) {
    try {
      return provider.parameters();
    } catch (RuntimeException | LinkageError e) {
      return List.of();
    }
  }

  private static String rejects(LossProvider provider, Map<String, ?> parameters, String name) {
    try {
      provider.create(parameters);
    } catch (InvalidParameterException e) {
      if (!e.getMessage().contains(name) || !e.getMessage().contains(provider.id())) {
        throw new AssertionError("message does not name the loss and the parameter: " + e.getMessage());
      }
      return e.getMessage();
    }
    throw new AssertionError("accepted " + parameters);
  }

  private static Object outside(Parameter parameter) {
    if (parameter.type() == ParameterType.BOOLEAN) {
      return "not a boolean";
    }
    if (parameter.type() == ParameterType.CHOICE) {
      return "no_such_choice";
    }
    Range range = parameter.range();
    if (range.lower() != Double.NEGATIVE_INFINITY) {
      return range.lowerClosed() ? range.lower() - 1 : range.lower();
    }
    if (range.upper() != Double.POSITIVE_INFINITY) {
      return range.upperClosed() ? range.upper() + 1 : range.upper();
    }
    return null;
  }

  private static String derivatives(LossProvider provider) {
    DerivativeChecker checker = DerivativeChecker.standard();
    for (String reduction : List.of("mean", "sum")) {
      LossFunction loss = provider.create(Map.of("reduction", reduction));
      checker.check(loss, random(provider, SEED + 2));
      checker.check(loss, random(provider, SEED + 3).withWeights(RandomInputs.weights(SEED + 4, ROWS)));
    }
    return "";
  }

  private static String reductions(LossProvider provider) {
    Batch batch = random(provider, SEED + 5).withWeights(RandomInputs.weights(SEED + 6, ROWS));
    double mean = provider.create(Map.of("reduction", "mean")).value(batch);
    double sum = provider.create(Map.of("reduction", "sum")).value(batch);
    double[] none = provider.create(Map.of("reduction", "none")).values(batch);
    double totalWeight = 0;
    for (int row = 0; row < ROWS; row++) {
      totalWeight += batch.weight(row);
    }
    boolean rowwise = none.length == ROWS && batch.predictionColumns() > 1;
    double total = rowwise ? totalWeight : totalWeight * batch.predictionColumns();
    double noneSum = Arrays.stream(none).sum();
    if (!close(sum, mean * total) || !close(sum, noneSum)) {
      throw new AssertionError("mean " + mean + " × total weight " + total + " = " + mean * total + ", sum " + sum
          + ", values sum to " + noneSum);
    }
    return "";
  }

  private static String domainError(LossProvider provider) {
    Domains domains = provider.domains();
    Batch batch = random(provider, SEED + 7);
    double[] predictions = predictions(batch);
    double[] labels = labels(batch);
    String expected;
    if (domains.predictions() == PredictionDomain.PROBABILITY) {
      predictions[0] = 1.2;
      expected = "1.2";
    } else if (domains.labels() == LabelDomain.SIGN) {
      labels[0] = 0;
      expected = "0.0";
    } else if (domains.labels() == LabelDomain.BINARY) {
      labels[0] = 0.5;
      expected = "0.5";
    } else if (domains.labels() == LabelDomain.CLASS) {
      labels[0] = batch.predictionColumns();
      expected = "class index";
    } else {
      return "no restricted domain to test";
    }
    return expectInputError(provider,
        () -> Batch.ofRows(predictions, batch.predictionColumns(), labels, batch.labelColumns()), expected);
  }

  private static String expectInputError(LossProvider provider, Supplier<Batch> batch, String expected) {
    LossFunction loss = provider.create(Map.of());
    try {
      loss.value(batch.get());
    } catch (InvalidInputException e) {
      if (!e.getMessage().contains(expected) || !e.getMessage().contains(provider.id())) {
        throw new AssertionError("message should name the loss and contain \"" + expected + "\": " + e.getMessage());
      }
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  private static Batch random(LossProvider provider, long seed) {
    return RandomInputs.batch(provider.domains(), seed, ROWS, width(provider));
  }

  private static int width(LossProvider provider) {
    return provider.domains().labels() == LabelDomain.CLASS ? CLASSES : COLUMNS;
  }

  private static int labelWidth(LossProvider provider) {
    return provider.domains().labels() == LabelDomain.CLASS ? 1 : COLUMNS;
  }

  private static double[] predictions(Batch batch) {
    double[] values = new double[batch.rows() * batch.predictionColumns()];
    for (int i = 0; i < values.length; i++) {
      values[i] = batch.prediction(i);
    }
    return values;
  }

  private static double[] labels(Batch batch) {
    double[] values = new double[batch.labelRows() * batch.labelColumns()];
    for (int i = 0; i < values.length; i++) {
      values[i] = batch.label(i);
    }
    return values;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static String safeId(LossProvider provider) {
    try {
      return provider.id();
    } catch (RuntimeException e) {
      return provider.getClass().getName();
    }
  }

}
