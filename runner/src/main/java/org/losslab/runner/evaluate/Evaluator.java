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
   * Reads every dataset of the experiment and checks it against the losses, evaluating nothing.
   *
   * @throws ExperimentException with every problem in the data or in a named (loss, dataset) pair
   */
  public Map<String, Dataset> prepare(Experiment experiment, Progress progress) {
    Map<String, Dataset> datasets = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (DatasetSpec spec : experiment.datasets()) {
      progress.reading(spec.name());
      try {
        Dataset dataset = read(spec);
        if (dataset.firstNonFinite() != null) {
          throw new ExperimentException(List.of(dataset.firstNonFinite()));
        }
        checkFinite(spec, dataset.batch());
        datasets.put(spec.name(), dataset);
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
    return datasets;
  }

  /** Evaluates every pair of a prepared experiment. A loss that throws fails only its own result rows. */
  public Report evaluate(Experiment experiment, Map<String, Dataset> datasets, Progress progress) {
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
        results.add(evaluate(run, datasets.get(name), run.datasets() == null, experiment.tolerance()));
      }
    }
    progress.done();
    return new Report(experiment.name(), experiment.description(), experiment.tolerance(), results);
  }

  private static Result evaluate(LossRun run, Dataset dataset, boolean byDefault, double tolerance) {
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
    if (Double.isNaN(value)) {
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

  /** NaN and ±∞ in data are errors, reported with the dataset, the row and the value. */
  private static void checkFinite(DatasetSpec spec, Batch batch) {
    for (int i = 0, n = batch.rows() * batch.predictionColumns(); i < n; i++) {
      double value = batch.prediction(i);
      if (!Double.isFinite(value)) {
        throw notFinite(spec, "predictions", i / batch.predictionColumns(), i % batch.predictionColumns(), value);
      }
    }
    for (int i = 0, n = batch.labelRows() * batch.labelColumns(); i < n; i++) {
      double value = batch.label(i);
      if (!Double.isFinite(value)) {
        throw notFinite(spec, "labels", i / batch.labelColumns(), i % batch.labelColumns(), value);
      }
    }
    if (batch.hasWeights()) {
      for (int row = 0; row < batch.weightCount(); row++) {
        if (!Double.isFinite(batch.weight(row))) {
          throw notFinite(spec, "weights", row, 0, batch.weight(row));
        }
      }
    }
  }

  private static ExperimentException notFinite(DatasetSpec spec, String input, int row, int column, double value) {
    return new ExperimentException(spec.location(), spec.path(), input + " row " + row + ", column " + column + " is "
        + value + "; data must be finite");
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
