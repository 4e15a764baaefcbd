package org.losslab.runner.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.losslab.api.Batch;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;
import org.losslab.runner.experiment.Problem;

/**
 * A CSV file read chunk by chunk: {@link CsvBlock}s are parsed ahead on a pool of threads, a few at a time, and
 * their rows copied into chunks in file order.
 *
 * <p>Block k covers {@code blockBytes} bytes from {@code dataStart + k·blockBytes}; its rows start after the first
 * line end in its range and end at the first line end in the next one, so that blocks are parsed independently. A
 * block whose start does not meet the end of the one before (the line end it started after was in a quoted field) is
 * dropped, and the rows from that end on are parsed again. With one thread, every block is parsed on the reading
 * thread, one after the other.
 */
final class CsvReader implements DatasetReader {
  private static final AtomicInteger READERS = new AtomicInteger();

  private final DatasetSpec.Csv spec;
  private final CsvHeader header;
  private final CsvBlock.Layout layout;
  private final int rowsPerChunk;
  private final int columns;
  private final int labelColumns;
  private final boolean weighted;
  private final @Nullable ExecutorService pool;
  /** Blocks being parsed ahead, in file order. */
  private final ArrayDeque<Ahead> ahead = new ArrayDeque<>();
  private final int aheadLimit;
  /** Blocks whose rows are copied, for the next ones. */
  private final ConcurrentLinkedQueue<CsvBlock> free = new ConcurrentLinkedQueue<>();

  /** The file position of the next block to parse ahead. */
  private long nextAhead;
  /** Where the rows read so far end: the next block must start there. */
  private long readTo;
  /** The rows and lines up to {@link #readTo}: the number of the next row, and the line it is on. */
  private long rowsTo;
  private long linesTo;
  /** The block whose rows are being copied, its first row and line, and how many of its rows are copied. */
  private @Nullable CsvBlock block;
  private long blockRow;
  private long blockLine;
  private int copied;
  private int nonFiniteSeen;
  /** Rows returned in chunks. */
  private long rowsReturned;
  private double[] chunkPredictions = new double[0];
  private double[] chunkLabels = new double[0];
  private double[] chunkWeights = new double[0];
  private volatile long consumed;
  private boolean done;
  private @Nullable RuntimeException failure;
  private volatile boolean closed;

  CsvReader(DatasetSpec.Csv spec, CsvHeader header, FileChannel channel, long size, ReadOptions options,
      int blockBytes, int maxRowBytes) {
    this.spec = spec;
    this.header = header;
    layout = new CsvBlock.Layout(channel, size, header.names().size(), header.predictionFields(),
        header.labelFields(), header.weightField(), blockBytes, maxRowBytes);
    columns = header.predictionFields().length;
    labelColumns = header.labelFields().length;
    weighted = header.weightField() >= 0;
    rowsPerChunk = options.rowsPerChunk(columns);
    readTo = header.dataStart();
    nextAhead = header.dataStart();
    rowsTo = 0;
    linesTo = header.dataLine();
    consumed = header.dataStart();
    // As for Batch.withThreads: no more threads than processors (but two, so that the parallel path is the same on
    // one processor), which also bounds the blocks held ahead.
    int threads = Math.min(options.threads(), Math.max(2, Runtime.getRuntime().availableProcessors()));
    if (threads > 1) {
      String name = "losslab-csv-" + READERS.incrementAndGet() + "-";
      AtomicInteger count = new AtomicInteger();
      pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
          task -> {
            Thread thread = new Thread(task, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
      // Two blocks a thread: one being parsed, one waiting to be copied.
      aheadLimit = 2 * threads;
    } else {
      pool = null;
      aheadLimit = 0;
    }
  }

  @Override
  public String source() {
    return spec.file().toString();
  }

  @Override
  public @Nullable Chunk next() {
    if (closed) {
      throw new IllegalStateException("the reader of " + spec.file() + " is closed");
    }
    if (failure != null) {
      throw failure;
    }
    if (done) {
      return null;
    }
    try {
      return chunk();
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  private @Nullable Chunk chunk() {
    long firstRow = rowsReturned;
    int filled = 0;
    @Nullable Problem firstNonFinite = null;
    while (filled < rowsPerChunk) {
      CsvBlock current = block;
      if (current == null || copied == current.rows) {
        if (current != null) {
          if (current.problem != null) {
            throw current.problem.toException(spec, header.names(), blockRow, blockLine);
          }
          free.add(current);
          block = null;
        }
        CsvBlock next = take();
        if (next == null) {
          break;
        }
        block = next;
        blockRow = rowsTo;
        blockLine = linesTo;
        copied = 0;
        nonFiniteSeen = 0;
        rowsTo += next.rows;
        linesTo += next.lines;
        if (next.problem == null) {
          readTo = next.end;
        }
        consumed = next.problem == null ? next.end : next.start;
        continue;
      }
      int rows = Math.min(rowsPerChunk - filled, current.rows - copied);
      ensureCapacity(filled + rows);
      System.arraycopy(current.predictions, copied * columns, chunkPredictions, filled * columns, rows * columns);
      System.arraycopy(current.labels, copied * labelColumns, chunkLabels, filled * labelColumns,
          rows * labelColumns);
      if (weighted) {
        System.arraycopy(current.weights, copied, chunkWeights, filled, rows);
      }
      if (firstNonFinite == null) {
        firstNonFinite = nonFinite(current, copied + rows);
      }
      filled += rows;
      copied += rows;
    }
    if (filled == 0) {
      done = true;
      consumed = layout.size();
      if (rowsReturned == 0) {
        throw new ExperimentException(Location.of(spec.file().toString()), spec.path(),
            "no data rows after the header");
      }
      return null;
    }
    rowsReturned += filled;
    Batch batch = Batch.ofRows(exact(chunkPredictions, filled * columns), columns,
        exact(chunkLabels, filled * labelColumns), labelColumns);
    if (weighted) {
      batch = batch.withWeights(exact(chunkWeights, filled));
    }
    // Every NaN and ±∞ of a block is noted as it is parsed: none noted is all finite.
    return new Chunk(batch, firstRow, firstNonFinite, firstNonFinite == null);
  }

  /** The first NaN or ±∞ of the current block's rows from {@link #copied} to {@code to}, or null. */
  private @Nullable Problem nonFinite(CsvBlock current, int to) {
    while (nonFiniteSeen < current.nonFinite && current.nonFiniteRows[nonFiniteSeen] < copied) {
      nonFiniteSeen++;
    }
    if (nonFiniteSeen == current.nonFinite || current.nonFiniteRows[nonFiniteSeen] >= to) {
      return null;
    }
    int field = current.nonFiniteFields[nonFiniteSeen];
    long line = blockLine + current.nonFiniteLines[nonFiniteSeen];
    return new Problem(new Location(spec.file().toString(), (int) Math.min(line, Integer.MAX_VALUE), field + 1),
        spec.path(), "column \"" + header.names().get(field) + "\", row "
            + (blockRow + current.nonFiniteRows[nonFiniteSeen]) + ": " + current.nonFiniteValues[nonFiniteSeen]
            + "; data must be finite");
  }

  /** The block that starts at {@link #readTo}, or null at the end of the file. */
  private @Nullable CsvBlock take() {
    if (readTo >= layout.size()) {
      return null;
    }
    if (pool == null) {
      return parseHere(readTo, readTo + layout.blockBytes());
    }
    while (true) {
      if (nextAhead < readTo) {
        // The rows read end past the blocks submitted (a quoted field spanned them): go on from there.
        nextAhead = readTo;
      }
      parseAhead();
      Ahead first = ahead.peek();
      if (first == null) {
        return parseHere(readTo, readTo + layout.blockBytes());
      }
      CsvBlock parsed = first.await();
      if (parsed.start == readTo) {
        ahead.poll();
        return parsed;
      }
      if (parsed.start > readTo) {
        // Rows between the end of the rows read and that block, which it guessed to be inside a quoted field.
        return parseHere(readTo, Math.max(first.from(), readTo + 1));
      }
      // Parsed from inside a quoted field, or without a line end to start after.
      ahead.poll();
      free.add(parsed);
    }
  }

  private CsvBlock parseHere(long from, long target) {
    CsvBlock parsed = block();
    parsed.parse(from, false, target);
    return parsed;
  }

  /** Submits the blocks after the ones being parsed, up to {@link #aheadLimit}. */
  private void parseAhead() {
    ExecutorService threads = pool;
    while (threads != null && ahead.size() < aheadLimit && nextAhead < layout.size()) {
      long from = nextAhead;
      long target = from + layout.blockBytes();
      boolean findStart = from != readTo;
      CsvBlock parsed = block();
      ahead.add(new Ahead(from, threads.submit(() -> {
        parsed.parse(from, findStart, target);
        return parsed;
      })));
      nextAhead = target;
    }
  }

  private CsvBlock block() {
    CsvBlock reused = free.poll();
    return reused != null ? reused : new CsvBlock(layout);
  }

  private void ensureCapacity(int rows) {
    if (chunkPredictions.length >= rows * columns) {
      return;
    }
    // Grown as rows come, so that a small file does not take a whole chunk's memory; a large one gets a whole chunk
    // at once (rows of 16 bytes or more, as numbers with several digits make them), not a series of copies.
    long guess = Math.max(2L * chunkPredictions.length / Math.max(1, columns), layout.size() / 16);
    int capacity = (int) Math.min(rowsPerChunk, Math.max(rows, guess));
    chunkPredictions = Arrays.copyOf(chunkPredictions, capacity * columns);
    chunkLabels = Arrays.copyOf(chunkLabels, capacity * labelColumns);
    if (weighted) {
      chunkWeights = Arrays.copyOf(chunkWeights, capacity);
    }
  }

  /** {@code values} when it has {@code length} elements, else its first {@code length} in a new array. */
  private static double[] exact(double[] values, int length) {
    return values.length == length ? values : Arrays.copyOf(values, length);
  }

  @Override
  public double progress() {
    return (double) consumed / layout.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ExecutorService threads = pool;
    if (threads != null) {
      threads.shutdownNow();
      try {
        threads.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      layout.channel().close();
    } catch (IOException e) {
      // Nothing was written: there is nothing to lose.
    }
    ahead.clear();
    free.clear();
    block = null;
  }

  /** A block being parsed on the pool, from {@code from} on. */
  private record Ahead(long from, Future<CsvBlock> result) {
    CsvBlock await() {
      try {
        return result.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading a CSV file", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException thrown) {
          throw thrown;
        }
        if (e.getCause() instanceof Error thrown) {
          throw thrown;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }
}
