package org.losslab.runner.evaluate;

import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.api.InvalidInputException;
import org.losslab.api.LossFunction;
import org.losslab.api.Partial;
import org.losslab.runner.data.Chunk;
import org.losslab.runner.data.DatasetReader;
import org.losslab.runner.data.DatasetSource;
import org.losslab.runner.data.DatasetSpec;
import org.losslab.runner.data.Datasets;
import org.losslab.runner.data.ReadOptions;
import org.losslab.runner.evaluate.Provenance.DatasetInfo;
import org.losslab.runner.experiment.Experiment;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.LossRun;
import org.losslab.runner.experiment.LossRun.DatasetReference;
import org.losslab.runner.experiment.NanPolicy;
import org.losslab.runner.experiment.Problem;

/**
 * Evaluates an experiment in one pass over its data: each dataset is read chunk by chunk, each chunk is checked
 * (finite values, its NaN policy, weights) and handed to every loss that uses the dataset, which adds it to its
 * running {@link Partial}. Memory stays flat however many rows a file has.
 *
 * <p>A problem in the data, or a value outside the domain of a loss the experiment names for a dataset, makes the
 * whole run fail with an {@link ExperimentException} listing every such problem (exit code 2, no report). A loss used
 * on a dataset by default (the experiment names none for it) that does not accept the dataset is skipped; a loss that
 * throws while evaluating fails only its own result rows.
 *
 * <p>Each chunk is a whole number of the kernels' chunks ({@link ReadOptions#rowsPerChunk}), and the running partials
 * are added in chunk order, so the values do not depend on the thread count. A dataset that fits in one chunk gives
 * bitwise {@code loss.value(batch)}.
 */
public final class Evaluator {
  /** The warm-up: rows, calls (beyond the launcher's compile thresholds), and the chunks worth it. */
  private static final int WARM_UP_ROWS = 256;
  private static final int WARM_UP_CALLS = 64;
  private static final int WARM_UP_MIN_ROWS = 1 << 16;

  private final Set<DatasetSource> sources;

  @Inject
  public Evaluator(Set<DatasetSource> sources) {
    this.sources = sources;
  }

  /**
   * How to evaluate.
   *
   * @param read chunk size and threads
   * @param hashContent whether to compute each dataset's SHA-256 for the provenance (about 1.6 GB/s of values)
   */
  public record Options(ReadOptions read, boolean hashContent) {
    /** Default chunks on {@code threads} threads. */
    public static Options of(int threads, boolean hashContent) {
      return new Options(new ReadOptions(ReadOptions.defaults().chunkElements(), threads), hashContent);
    }
  }

  /**
   * The results of a run.
   *
   * @param results one per (loss configuration, dataset) pair: configurations in file order, then datasets
   * @param datasets what was read, for the provenance, in file order
   */
  public record Evaluation(List<Result> results, List<DatasetInfo> datasets) {}

  /**
   * Reads every dataset and evaluates every pair.
   *
   * @throws ExperimentException with every problem in the data or in a named (loss, dataset) pair
   */
  public Evaluation evaluate(Experiment experiment, Options options, Progress progress) {
    return run(experiment, options, progress, true);
  }

  /**
   * Reads every dataset and checks it, and every named pair, as {@link #evaluate} does, evaluating nothing.
   *
   * @throws ExperimentException with every problem in the data or in a named (loss, dataset) pair
   */
  public List<DatasetInfo> validate(Experiment experiment, Options options, Progress progress) {
    return run(experiment, options, progress, false).datasets();
  }

  /** A report of an evaluation. */
  public static Report report(Experiment experiment, Evaluation evaluation, Provenance provenance) {
    return new Report(experiment.name(), experiment.description(), experiment.tolerance(), evaluation.results(),
        provenance);
  }

  private Evaluation run(Experiment experiment, Options options, Progress progress, boolean evaluate) {
    List<Pair> pairs = pairs(experiment);
    List<DatasetInfo> infos = new ArrayList<>();
    List<Problem> dataProblems = new ArrayList<>();
    List<Problem> pairProblems = new ArrayList<>();
    int index = 0;
    for (DatasetSpec spec : experiment.datasets()) {
      List<Pair> users = pairs.stream().filter(pair -> pair.dataset.equals(spec.name())).toList();
      progress.reading(spec.name(), ++index, experiment.datasets().size());
      try {
        DatasetPass pass = new DatasetPass(spec, experiment.nanPolicy(spec.name()), users, options, evaluate);
        pass.read(open(spec, options.read()), progress);
        infos.add(pass.info());
        users.forEach(pair -> pair.problem().ifPresent(pairProblems::add));
      } catch (ExperimentException e) {
        dataProblems.addAll(e.problems());
      } finally {
        progress.read(spec.name());
      }
    }
    // A problem in the data hides the pairs' problems: the domains of the losses are checked on valid data only.
    List<Problem> problems = dataProblems.isEmpty() ? pairProblems : dataProblems;
    if (!problems.isEmpty()) {
      throw new ExperimentException(problems.stream().distinct().toList());
    }
    progress.done();
    if (!evaluate) {
      return new Evaluation(List.of(), infos);
    }
    List<Result> results = new ArrayList<>();
    for (Pair pair : pairs) {
      results.add(pair.result(experiment.tolerance(), experiment.nanPolicy(pair.dataset) == NanPolicy.PROPAGATE));
    }
    return new Evaluation(results, infos);
  }

  /** Every (loss configuration, dataset) pair, in the order of the report. */
  private static List<Pair> pairs(Experiment experiment) {
    List<Pair> pairs = new ArrayList<>();
    for (LossRun run : experiment.runs()) {
      if (run.datasets() == null) {
        for (DatasetSpec spec : experiment.datasets()) {
          pairs.add(new Pair(run, spec.name(), null));
        }
      } else {
        for (DatasetReference reference : run.datasets()) {
          pairs.add(new Pair(run, reference.name(), reference));
        }
      }
    }
    return pairs;
  }

  private DatasetReader open(DatasetSpec spec, ReadOptions options) {
    for (DatasetSource source : sources) {
      if (source.supports(spec)) {
        return source.open(spec, options);
      }
    }
    throw new IllegalStateException("no dataset source reads " + spec.getClass().getSimpleName());
  }

  /** One dataset read once: its chunks checked, hashed and handed to the pairs that use it. */
  private static final class DatasetPass {
    private final DatasetSpec spec;
    private final NanPolicy policy;
    private final List<Pair> pairs;
    private final Options options;
    private final boolean evaluate;
    private final DatasetContent.@Nullable Hash hash;
    /** Chunks kept for the losses that cannot add partial sums: only when some pair needs them. */
    private final @Nullable List<Batch> kept;
    private String source = "";
    private long rows;
    private long omitted;
    private boolean positiveWeight;
    private boolean weighted;
    private boolean warmedUp;

    DatasetPass(DatasetSpec spec, NanPolicy policy, List<Pair> pairs, Options options, boolean evaluate) {
      this.spec = spec;
      this.policy = policy;
      this.pairs = pairs;
      this.options = options;
      this.evaluate = evaluate;
      this.hash = options.hashContent() ? new DatasetContent.Hash() : null;
      this.kept = evaluate && pairs.stream().anyMatch(pair -> !pair.chunked) ? new ArrayList<>() : null;
    }

    void read(DatasetReader reader, Progress progress) {
      try (reader) {
        source = reader.source();
        for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
          add(chunk);
          progress.reading(spec.name(), reader.progress());
        }
      }
      if (rows == 0) {
        throw new ExperimentException(spec.location(), spec.path(), "the dataset has no rows ("
            + source + "); at least one row is needed");
      }
      if (weighted && !positiveWeight && rows > omitted) {
        throw new ExperimentException(spec.location(), spec.path(),
            "weights are all 0; at least one row needs a positive weight");
      }
      if (rows > 0 && omitted == rows) {
        throw new ExperimentException(spec.location(), spec.path(), "every one of its " + rows
            + " rows has a NaN, so nan_policy: omit leaves nothing to evaluate");
      }
      if (kept != null) {
        Batch whole = org.losslab.runner.data.Datasets.join(kept).withThreads(options.read().threads());
        for (Pair pair : pairs) {
          if (!pair.chunked) {
            pair.whole(whole);
          }
        }
      }
    }

    DatasetInfo info() {
      return new DatasetInfo(spec.name(), source, rows, omitted, policy.id(), hash == null ? null : hash.hex());
    }

    private void add(Chunk chunk) {
      Batch batch = chunk.batch();
      if (hash != null) {
        hash.add(batch);
      }
      rows += batch.rows();
      if (policy == NanPolicy.RAISE && chunk.firstNonFinite() != null) {
        throw new ExperimentException(List.of(chunk.firstNonFinite()));
      }
      if (chunk.allFinite()) {
        checkWeights(batch, chunk.firstRow());
      } else {
        checkFinite(batch, chunk.firstRow(), policy == NanPolicy.RAISE);
      }
      Batch checked = applyNanPolicy(batch);
      if (checked == null) {
        return;
      }
      checked = checked.withFirstRow(chunk.firstRow()).withThreads(options.read().threads());
      if (kept != null) {
        kept.add(org.losslab.runner.data.Datasets.copy(checked));
      }
      if (evaluate && !warmedUp && checked.rows() >= WARM_UP_MIN_ROWS) {
        warmedUp = true;
        Batch head = Datasets.head(checked, WARM_UP_ROWS);
        // Two at a time (the common pool and this thread): with the launcher's two C2 compiler threads, two kernels
        // are compiled at once instead of one with a core idle.
        pairs.parallelStream().forEach(pair -> pair.warmUp(head));
      }
      for (Pair pair : pairs) {
        pair.add(checked, evaluate);
      }
    }

    /** The chunk under the dataset's NaN policy; null when {@code omit} leaves none of its rows. */
    private @Nullable Batch applyNanPolicy(Batch batch) {
      if (policy == NanPolicy.PROPAGATE) {
        return batch.withNanPolicy(org.losslab.api.NanPolicy.PROPAGATE);
      }
      boolean[] nan = policy == NanPolicy.OMIT ? DatasetContent.nanRows(batch) : null;
      if (nan == null) {
        return batch;
      }
      int dropped = 0;
      for (boolean row : nan) {
        dropped += row ? 1 : 0;
      }
      omitted += dropped;
      return dropped == batch.rows() ? null : DatasetContent.without(batch, nan, batch.rows() - dropped);
    }

    /** ±∞ anywhere, and NaN unless the policy handles it, reported with the dataset, the row and the value. */
    private void checkFinite(Batch batch, long firstRow, boolean nanIsError) {
      if (DatasetContent.allFinite(batch)) {
        checkWeights(batch, firstRow);
        return;
      }
      int columns = batch.predictionColumns();
      for (int i = 0, n = batch.rows() * columns; i < n; i++) {
        double value = batch.prediction(i);
        if (Double.isInfinite(value) || nanIsError && Double.isNaN(value)) {
          throw notFinite("predictions", firstRow + i / columns, i % columns, value);
        }
      }
      int labelColumns = batch.labelColumns();
      for (int i = 0, n = batch.labelRows() * labelColumns; i < n; i++) {
        double value = batch.label(i);
        if (Double.isInfinite(value) || nanIsError && Double.isNaN(value)) {
          throw notFinite("labels", firstRow + i / labelColumns, i % labelColumns, value);
        }
      }
      for (int row = 0; row < batch.weightCount(); row++) {
        double value = batch.weight(row);
        if (Double.isInfinite(value) || nanIsError && Double.isNaN(value)) {
          throw notFinite("weights", firstRow + row, 0, value);
        }
      }
      checkWeights(batch, firstRow);
    }

    /** Weights that are finite or NaN: none negative, and the dataset's total positive (checked at its end). */
    private void checkWeights(Batch batch, long firstRow) {
      if (batch.hasWeights()) {
        weighted = true;
        for (int row = 0; row < batch.weightCount(); row++) {
          double value = batch.weight(row);
          // Bad weights are bad data, whatever loss reads them: an error, never a "skipped" pair.
          if (value < 0) {
            throw new ExperimentException(spec.location(), spec.path(), "weights row " + (firstRow + row) + " is "
                + value + "; weights must be >= 0");
          }
          positiveWeight |= value > 0;
        }
      }
    }

    private ExperimentException notFinite(String input, long row, int column, double value) {
      return new ExperimentException(spec.location(), spec.path(), input + " row " + row + ", column " + column
          + " is " + value + (Double.isNaN(value) ? "; data must be finite (or set nan_policy: omit or propagate)"
              : "; data must be finite"));
    }
  }

  /** One (loss configuration, dataset) pair: its running sum, or why it has none. */
  private static final class Pair {
    private final LossRun run;
    private final String dataset;
    /** Where the experiment names the dataset for this loss; null when the loss uses it by default. */
    private final @Nullable DatasetReference reference;
    /** Whether the loss gives partial sums, so that chunks can be added up; otherwise it sees the whole dataset. */
    private final boolean chunked;
    private Partial total = Partial.ZERO;
    private @Nullable String skipped;
    private @Nullable String error;
    private @Nullable Problem problem;
    private @Nullable Double whole;

    Pair(LossRun run, String dataset, @Nullable DatasetReference reference) {
      this.run = run;
      this.dataset = dataset;
      this.reference = reference;
      this.chunked = givesPartials(run.function());
    }

    boolean done() {
      return skipped != null || error != null || problem != null;
    }

    java.util.Optional<Problem> problem() {
      return java.util.Optional.ofNullable(problem);
    }

    /**
     * Calls the loss a few times on a chunk's first rows, before the chunk itself: under the launcher's JIT options
     * (vector kernels compiled after a few calls, and before the calling thread goes on), the kernels are then
     * compiled before they meet the real chunk, which they would otherwise start in the interpreter, where every
     * Vector API operation allocates. Elsewhere it costs a few milliseconds. Problems are left to {@link #add}.
     */
    void warmUp(Batch head) {
      if (done() || !chunked) {
        return;
      }
      try {
        for (int call = 0; call < WARM_UP_CALLS; call++) {
          run.function().partial(head);
        }
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        // The evaluation of the chunk meets it again and reports it.
      }
    }

    /** Adds a checked chunk: its partial sum, or, when not evaluating or not chunked, only its validation. */
    void add(Batch chunk, boolean evaluate) {
      if (done() || !evaluate && reference == null) {
        return;
      }
      if (!evaluate || !chunked) {
        validate(chunk);
        return;
      }
      try {
        total = total.plus(run.function().partial(chunk));
      } catch (InvalidInputException e) {
        // Thrown by the loss's own validation (which partial runs first), or by a loss while evaluating: only
        // validate() tells which, and it costs a pass only here, after an exception.
        if (validate(chunk)) {
          error = describe(e);
        }
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        error = describe(e);
      }
    }

    /** The loss on the whole dataset, for a loss without partial sums. */
    void whole(Batch batch) {
      if (done()) {
        return;
      }
      try {
        whole = run.function().value(batch);
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        error = describe(e);
      }
    }

    /**
     * Checks a chunk against the loss's domains; false, with the problem or the reason for skipping recorded, when it
     * does not pass. The weights are the evaluator's to check (a chunk may weigh nothing; the dataset may not), so
     * the loss sees the chunk without them.
     */
    private boolean validate(Batch chunk) {
      try {
        run.function().validate(withoutWeights(chunk));
        return true;
      } catch (InvalidInputException e) {
        if (reference == null) {
          skipped = "not accepted: " + e.getMessage();
        } else {
          problem = new Problem(reference.location(), reference.path(), run.name() + " does not accept dataset \""
              + dataset + "\": " + e.getMessage());
        }
        return false;
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        error = describe(e);
        return false;
      }
    }

    Result result(double tolerance, boolean nanExpected) {
      var params = run.function().parameters().asMap();
      String loss = run.provider().id();
      Double expected = run.expectations().get(dataset);
      if (skipped != null) {
        return new Result(run.name(), loss, params, dataset, null, expected, Status.SKIPPED, skipped);
      }
      if (error != null) {
        return new Result(run.name(), loss, params, dataset, null, expected, Status.ERROR, error);
      }
      double value;
      try {
        value = whole != null ? whole : total.value(run.function().reduction());
      } catch (RuntimeException e) {
        return new Result(run.name(), loss, params, dataset, null, expected, Status.ERROR, describe(e));
      }
      if (Double.isNaN(value) && !nanExpected) {
        return new Result(run.name(), loss, params, dataset, value, expected, Status.ERROR,
            loss + " returned NaN on finite data");
      }
      if (expected == null) {
        return new Result(run.name(), loss, params, dataset, value, null, Status.COMPUTED, null);
      }
      double allowed = tolerance * Math.abs(expected);
      boolean pass = expected == 0 ? Math.abs(value) <= tolerance : Math.abs(value - expected) <= allowed;
      return new Result(run.name(), loss, params, dataset, value, expected, pass ? Status.PASS : Status.FAIL, null);
    }

    /** Whether a loss overrides {@link LossFunction#partial}, whose default throws: a plugin built before it. */
    private static boolean givesPartials(LossFunction function) {
      try {
        Method partial = function.getClass().getMethod("partial", Batch.class);
        return partial.getDeclaringClass() != LossFunction.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }

    private static Batch withoutWeights(Batch chunk) {
      if (!chunk.hasWeights()) {
        return chunk;
      }
      Batch bare = chunk.isFloat()
          ? Batch.ofRows(chunk.floatPredictions(), chunk.predictionColumns(), chunk.floatLabels(),
              chunk.labelColumns())
          : Batch.ofRows(chunk.doublePredictions(), chunk.predictionColumns(), chunk.doubleLabels(),
              chunk.labelColumns());
      return bare.withNanPolicy(chunk.nanPolicy()).withFirstRow(chunk.firstRow());
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
  }
}
