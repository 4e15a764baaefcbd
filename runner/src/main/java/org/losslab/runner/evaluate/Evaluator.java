package org.losslab.runner.evaluate;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.losslab.api.Batch;
import org.losslab.api.InvalidInputException;
import org.losslab.runner.data.Dataset;
import org.losslab.runner.data.DatasetSource;
import org.losslab.runner.data.DatasetSpec;
import org.losslab.runner.experiment.Experiment;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.LossRun;
import org.losslab.runner.experiment.NanPolicy;
import org.losslab.runner.evaluate.Provenance.DatasetInfo;
import org.losslab.runner.experiment.LossRun.DatasetReference;
import org.losslab.runner.experiment.Problem;

/**
 * Evaluates an experiment: reads each dataset once, checks that the data is finite and that every loss accepts the
 * datasets named for it, then evaluates every (loss configuration, dataset) pair and compares each value with its
 * expectation.
 */
public final class Evaluator {
  private final Set<DatasetSource> sources;

  @Inject
  public Evaluator(Set<DatasetSource> sources) {
    this.sources = sources;
  }

  /**
   * Reads every dataset of the experiment once, applies its NaN policy, and checks it against the losses, evaluating
   * nothing.
   *
   * @throws ExperimentException with every problem in the data or in a named (loss, dataset) pair
   */
  public Prepared prepare(Experiment experiment, Progress progress) {
    Map<String, Dataset> datasets = new LinkedHashMap<>();
    List<DatasetInfo> infos = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (DatasetSpec spec : experiment.datasets()) {
      progress.reading(spec.name());
      try {
        Dataset dataset = read(spec);
        NanPolicy policy = experiment.nanPolicy(spec.name());
        String sha256 = DatasetContent.sha256(dataset.batch());
        int rows = dataset.batch().rows();
        Dataset prepared = applyNanPolicy(spec, dataset, policy);
        datasets.put(spec.name(), prepared);
        infos.add(new DatasetInfo(spec.name(), dataset.source(), rows, rows - prepared.batch().rows(), policy.id(),
            sha256));
      } catch (ExperimentException e) {
        problems.addAll(e.problems());
      }
    }
    if (problems.isEmpty()) {
      for (LossRun run : experiment.runs()) {
        if (run.datasets() == null) {
          continue;
        }
        for (DatasetReference reference : run.datasets()) {
          try {
            run.function().validate(datasets.get(reference.name()).batch());
          } catch (InvalidInputException e) {
            problems.add(new Problem(reference.location(), reference.path(), run.name() + " does not accept dataset \""
                + reference.name() + "\": " + e.getMessage()));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(problems.stream().distinct().toList());
    }
    return new Prepared(datasets, infos);
  }

  /**
   * The datasets of an experiment, read and ready, and what was read.
   *
   * @param datasets by name, after their NaN policy
   * @param infos for the report's provenance, in file order
   */
  public record Prepared(Map<String, Dataset> datasets, List<DatasetInfo> infos) {}

  /** Evaluates every pair of a prepared experiment. A loss that throws fails only its own result rows. */
  public Report evaluate(Experiment experiment, Prepared prepared, Provenance provenance, Progress progress) {
    Map<String, Dataset> datasets = prepared.datasets();
    List<Result> results = new ArrayList<>();
    int total = 0;
    for (LossRun run : experiment.runs()) {
      total += run.datasets() == null ? datasets.size() : run.datasets().size();
    }
    for (LossRun run : experiment.runs()) {
      List<String> names = run.datasets() == null
          ? List.copyOf(datasets.keySet())
          : run.datasets().stream().map(DatasetReference::name).toList();
      for (String name : names) {
        progress.evaluating(results.size() + 1, total, run.name(), name);
        results.add(evaluate(run, datasets.get(name), run.datasets() == null, experiment.tolerance(),
            experiment.nanPolicy(name) == NanPolicy.PROPAGATE));
      }
    }
    progress.done();
    return new Report(experiment.name(), experiment.description(), experiment.tolerance(), results, provenance);
  }

  private static Result evaluate(LossRun run, Dataset dataset, boolean byDefault, double tolerance,
      boolean nanExpected) {
    Map<String, Object> params = run.function().parameters().asMap();
    String loss = run.provider().id();
    Double expected = run.expectations().get(dataset.name());
    Batch batch = dataset.batch();
    if (byDefault) {
      try {
        run.function().validate(batch);
      } catch (InvalidInputException e) {
        return new Result(run.name(), loss, params, dataset.name(), null, expected, Status.SKIPPED,
            "not accepted: " + e.getMessage());
      }
    }
    double value;
    try {
      value = run.function().value(batch);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      return new Result(run.name(), loss, params, dataset.name(), null, expected, Status.ERROR, describe(e));
    }
    if (Double.isNaN(value) && !nanExpected) {
      return new Result(run.name(), loss, params, dataset.name(), value, expected, Status.ERROR,
          loss + " returned NaN on finite data");
    }
    if (expected == null) {
      return new Result(run.name(), loss, params, dataset.name(), value, null, Status.COMPUTED, null);
    }
    double allowed = tolerance * Math.abs(expected);
    boolean pass = expected == 0 ? Math.abs(value) <= tolerance : Math.abs(value - expected) <= allowed;
    return new Result(run.name(), loss, params, dataset.name(), value, expected, pass ? Status.PASS : Status.FAIL,
        null);
  }

  private Dataset read(DatasetSpec spec) {
    for (DatasetSource source : sources) {
      if (source.supports(spec)) {
        return source.read(spec);
      }
    }
    throw new IllegalStateException("no dataset source reads " + spec.getClass().getSimpleName());
  }

  /**
   * ±∞ is always an error; a NaN is an error ({@code raise}), a dropped row ({@code omit}) or a value that flows
   * through ({@code propagate}).
   */
  private static Dataset applyNanPolicy(DatasetSpec spec, Dataset dataset, NanPolicy policy) {
    Batch batch = dataset.batch();
    if (policy == NanPolicy.RAISE && dataset.firstNonFinite() != null) {
      throw new ExperimentException(List.of(dataset.firstNonFinite()));
    }
    checkFinite(spec, batch, policy == NanPolicy.RAISE);
    if (policy == NanPolicy.PROPAGATE) {
      return new Dataset(dataset.name(), batch.withNanPolicy(org.losslab.api.NanPolicy.PROPAGATE), dataset.source());
    }
    boolean[] nan = policy == NanPolicy.OMIT ? DatasetContent.nanRows(batch) : null;
    if (nan == null) {
      return dataset;
    }
    int kept = 0;
    for (boolean dropped : nan) {
      kept += dropped ? 0 : 1;
    }
    if (kept == 0) {
      throw new ExperimentException(spec.location(), spec.path(), "every one of its " + batch.rows()
          + " rows has a NaN, so nan_policy: omit leaves nothing to evaluate");
    }
    return new Dataset(dataset.name(), DatasetContent.without(batch, nan, kept), dataset.source());
  }

  /** ±∞ anywhere, and NaN unless the policy handles it, reported with the dataset, the row and the value. */
  private static void checkFinite(DatasetSpec spec, Batch batch, boolean nanIsError) {
    for (int i = 0, n = batch.rows() * batch.predictionColumns(); i < n; i++) {
      double value = batch.prediction(i);
      if (Double.isInfinite(value) || nanIsError && Double.isNaN(value)) {
        throw notFinite(spec, "predictions", i / batch.predictionColumns(), i % batch.predictionColumns(), value);
      }
    }
    for (int i = 0, n = batch.labelRows() * batch.labelColumns(); i < n; i++) {
      double value = batch.label(i);
      if (Double.isInfinite(value) || nanIsError && Double.isNaN(value)) {
        throw notFinite(spec, "labels", i / batch.labelColumns(), i % batch.labelColumns(), value);
      }
    }
    if (batch.hasWeights()) {
      boolean positive = false;
      for (int row = 0; row < batch.weightCount(); row++) {
        double value = batch.weight(row);
        if (Double.isInfinite(value) || nanIsError && Double.isNaN(value)) {
          throw notFinite(spec, "weights", row, 0, value);
        }
        // Bad weights are bad data, whatever loss reads them: an error, never a "skipped" pair.
        if (value < 0) {
          throw new ExperimentException(spec.location(), spec.path(), "weights row " + row + " is " + value
              + "; weights must be >= 0");
        }
        positive |= value > 0;
      }
      if (!positive && batch.weightCount() > 0) {
        throw new ExperimentException(spec.location(), spec.path(),
            "weights are all 0; at least one row needs a positive weight");
      }
    }
  }

  private static ExperimentException notFinite(DatasetSpec spec, String input, int row, int column, double value) {
    return new ExperimentException(spec.location(), spec.path(), input + " row " + row + ", column " + column + " is "
        + value + (Double.isNaN(value) ? "; data must be finite (or set nan_policy: omit or propagate)"
            : "; data must be finite"));
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
