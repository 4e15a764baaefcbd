package org.losslab.runner.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Reads datasets from NumPy {@code .npy} files ({@link DatasetSpec.Npy}): predictions of shape (N,) or (N, M),
 * labels of shape (N,) or (N, L), and optionally weights of shape (N,) or (N, 1).
 *
 * <p>The batch stays in single precision when the predictions are {@code <f4} and the labels are {@code <f4} or
 * integers that a float holds exactly (class indices); otherwise both are read in double precision, so that no
 * label loses digits. See {@link NpyArray} for the files that are accepted.
 */
public final class NpySource implements DatasetSource {

  /** A source with nothing to configure. */
  public NpySource() {}

  @Override
  public boolean supports(DatasetSpec spec) {
    return spec instanceof DatasetSpec.Npy;
  }

  @Override
  public DatasetReader open(DatasetSpec spec, ReadOptions options) {
    if (!(spec instanceof DatasetSpec.Npy npy)) {
      throw new IllegalArgumentException("NpySource reads npy datasets, not " + spec);
    }
    List<NpyArray.Values> opened = new ArrayList<>();
    try {
      NpyArray.Values predictions = load(npy, npy.predictions(), "predictions", opened);
      NpyArray.Values labels = load(npy, npy.labels(), "labels", opened);
      if (labels.rows() != predictions.rows()) {
        throw new ExperimentException(npy.location(), npy.path() + ".npy", "labels " + npy.labels() + " have "
            + labels.rows() + " rows (shape " + labels.shapeText() + ") but predictions " + npy.predictions()
            + " have " + predictions.rows() + " (shape " + predictions.shapeText()
            + "); give one label row per prediction row");
      }
      String source = npy.predictions() + ", " + npy.labels();
      NpyArray.Values weights = null;
      Path weightsFile = npy.weights();
      if (weightsFile != null) {
        weights = load(npy, weightsFile, "weights", opened);
        if (weights.columns() != 1 || weights.rows() != predictions.rows()) {
          throw new ExperimentException(npy.location(), npy.path() + ".npy.weights", "weights " + weightsFile
              + " have shape " + weights.shapeText() + " but predictions " + npy.predictions() + " have "
              + predictions.rows() + " rows; expected shape (" + predictions.rows() + ",), one weight per row");
        }
        source += ", " + weightsFile;
      }
      boolean float32 = predictions.isFloat32() && labels.fitsFloat32();
      return new Reader(predictions, labels, weights, float32, options.rowsPerChunk(predictions.columns()), source);
    } catch (RuntimeException e) {
      opened.forEach(NpyArray.Values::close);
      throw e;
    }
  }

  /**
   * Chunks of rows read from the open files. The next chunk is read on a thread of its own while the caller
   * evaluates the current one (reading is mostly copying from the page cache, which the evaluation's threads do not
   * do), into the other of two sets of arrays: the caller's chunk stays untouched until it asks for the next.
   */
  private static final class Reader implements DatasetReader {
    private final NpyArray.Values predictions;
    private final NpyArray.Values labels;
    private final NpyArray.@Nullable Values weights;
    private final boolean float32;
    private final int rowsPerChunk;
    private final String source;
    private final int rows;
    private final Arrays[] sets = {new Arrays(), new Arrays()};
    /** The first row not yet handed to a read. */
    private int next;
    /** The rows delivered to the caller so far. */
    private int delivered;
    /** The set the next read fills. */
    private int set;
    private @Nullable Future<Chunk> ahead;
    private @Nullable ExecutorService prefetcher;
    private @Nullable ExecutorService labelReader;

    Reader(NpyArray.Values predictions, NpyArray.Values labels, NpyArray.@Nullable Values weights, boolean float32,
        int rowsPerChunk, String source) {
      this.predictions = predictions;
      this.labels = labels;
      this.weights = weights;
      this.float32 = float32;
      this.rowsPerChunk = rowsPerChunk;
      this.source = source;
      this.rows = predictions.rows();
    }

    @Override
    public String source() {
      return source;
    }

    @Override
    public @Nullable Chunk next() {
      Chunk chunk;
      if (ahead != null) {
        chunk = await(ahead);
        ahead = null;
      } else if (next < rows) {
        chunk = read();
      } else {
        return null;
      }
      delivered += chunk.batch().rows();
      if (next < rows) {
        ahead = prefetcher().submit(this::read);
      }
      return chunk;
    }

    /** Reads the rows from {@link #next} on into the next set of arrays. */
    private Chunk read() {
      int count = Math.min(rowsPerChunk, rows - next);
      long from = next;
      next += count;
      Arrays into = sets[set];
      set ^= 1;
      int columns = predictions.columns();
      int labelColumns = labels.columns();
      Batch batch;
      boolean finite;
      if (float32) {
        float[] p = into.floatPredictions = sized(into.floatPredictions, count * columns);
        float[] y = into.floatLabels = sized(into.floatLabels, count * labelColumns);
        Future<Boolean> labelsRead = labelReader().submit(() -> labels.read(from * labelColumns, y, 0, y.length));
        finite = predictions.read(from * columns, p, 0, p.length) & await(labelsRead);
        batch = Batch.ofRows(p, columns, y, labelColumns);
      } else {
        double[] p = into.doublePredictions = sized(into.doublePredictions, count * columns);
        double[] y = into.doubleLabels = sized(into.doubleLabels, count * labelColumns);
        Future<Boolean> labelsRead = labelReader().submit(() -> labels.read(from * labelColumns, y, 0, y.length));
        finite = predictions.read(from * columns, p, 0, p.length) & await(labelsRead);
        batch = Batch.ofRows(p, columns, y, labelColumns);
      }
      if (weights != null) {
        into.weights = sized(into.weights, count);
        finite &= weights.read(from, into.weights, 0, count);
        batch = batch.withWeights(into.weights);
      }
      return new Chunk(batch, from, null, finite);
    }

    private ExecutorService prefetcher() {
      if (prefetcher == null) {
        prefetcher = daemon("losslab-npy-reader");
      }
      return prefetcher;
    }

    /**
     * The thread that reads a chunk's labels while the reading thread reads its predictions: one thread copies
     * from the page cache at about 4 GB/s, which is slower than the light losses evaluate.
     */
    private ExecutorService labelReader() {
      if (labelReader == null) {
        labelReader = daemon("losslab-npy-label-reader");
      }
      return labelReader;
    }

    private static ExecutorService daemon(String name) {
      return Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
      });
    }

    /** What a read on another thread gave; its problem, if any, as if it had been read here. */
    private static <T> T await(Future<T> ahead) {
      try {
        return ahead.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException problem) {
          throw problem;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading", e);
      }
    }

    @Override
    public double progress() {
      return rows == 0 ? 1 : (double) delivered / rows;
    }

    @Override
    public void close() {
      // The files are closed below: let a read in progress finish first (it takes milliseconds). The label reader is
      // stopped after the prefetcher, which may be waiting for it.
      stop(prefetcher);
      stop(labelReader);
      predictions.close();
      labels.close();
      if (weights != null) {
        weights.close();
      }
    }

    private static void stop(@Nullable ExecutorService executor) {
      if (executor != null) {
        executor.shutdownNow();
        try {
          executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** {@code array} if it has {@code length} elements (every chunk but the last), else a new one. */
    private static float[] sized(float @Nullable [] array, int length) {
      return array != null && array.length == length ? array : new float[length];
    }

    private static double[] sized(double @Nullable [] array, int length) {
      return array != null && array.length == length ? array : new double[length];
    }

    /** One set of chunk arrays, in the precision read. */
    private static final class Arrays {
      float @Nullable [] floatPredictions;
      float @Nullable [] floatLabels;
      double @Nullable [] doublePredictions;
      double @Nullable [] doubleLabels;
      double @Nullable [] weights;
    }
  }

  private static NpyArray.Values load(DatasetSpec.Npy spec, Path file, String role, List<NpyArray.Values> opened) {
    String path = spec.path() + ".npy." + role;
    if (!Files.exists(file)) {
      throw new ExperimentException(spec.location(), path,
          role + " file not found: " + file.toAbsolutePath().normalize());
    }
    if (Files.isDirectory(file)) {
      throw new ExperimentException(spec.location(), path,
          file.toAbsolutePath().normalize() + " is a directory, not a .npy file");
    }
    if (!Files.isRegularFile(file)) {
      // A FIFO or a device could block forever or never end: refuse before opening it.
      throw new ExperimentException(spec.location(), path,
          file.toAbsolutePath().normalize() + " is not a regular file (a device or a pipe?)");
    }
    NpyArray.Values array = NpyArray.open(file, path);
    opened.add(array);
    if (array.columns() == 0) {
      throw new ExperimentException(Location.of(file.toString()), path,
          "shape " + array.shapeText() + " has no columns; expected at least one value per row");
    }
    return array;
  }
}
