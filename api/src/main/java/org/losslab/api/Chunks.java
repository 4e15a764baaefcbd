package org.losslab.api;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A batch's rows cut into fixed-size chunks, and a way to run a task on every chunk on several threads.
 *
 * <p>A chunk holds {@value #CHUNK_ELEMENTS} elements, or one row when a row is wider: its size depends on the
 * number of columns only, never on the thread count. A task writes its result into the chunk's own slot, and
 * {@link #pairwise} adds the slots in chunk order, so that any number of threads gives the same bits, and the
 * rounding error grows with log₂ of the number of chunks rather than with their number.
 */
final class Chunks {
  /** Elements per chunk: large enough to amortise a task, small enough that a chunk stays in the L2 cache. */
  static final int CHUNK_ELEMENTS = 1 << 15;

  /** Below this many chunks the calling thread works alone: handing out work would cost more than it saves. */
  private static final int PARALLEL_MIN_CHUNKS = 4;

  private final int rows;
  private final int rowsPerChunk;
  private final int count;

  Chunks(Batch batch) {
    this.rows = batch.rows();
    this.rowsPerChunk = Math.max(1, CHUNK_ELEMENTS / Math.max(1, batch.predictionColumns()));
    this.count = rows == 0 ? 0 : (int) ((rows + (long) rowsPerChunk - 1) / rowsPerChunk);
  }

  /** The number of chunks. */
  int count() {
    return count;
  }

  /** The first row of a chunk. */
  int from(int chunk) {
    return chunk * rowsPerChunk;
  }

  /** The row after the last of a chunk. */
  int to(int chunk) {
    return (int) Math.min(rows, (long) (chunk + 1) * rowsPerChunk);
  }

  /**
   * Runs {@code task} once for every chunk index, on the calling thread and up to {@code threads − 1} pool threads,
   * and returns when every chunk is done. A task's exception is rethrown here once every chunk has finished (the
   * first one thrown; the chunks after it still run, their results unused).
   */
  void forEach(int threads, IntConsumer task) {
    int helpers = Math.min(threads, count) - 1;
    if (helpers <= 0 || count < PARALLEL_MIN_CHUNKS) {
      for (int chunk = 0; chunk < count; chunk++) {
        task.accept(chunk);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(count);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    // Chunks are handed out one at a time, so a slow thread delays nobody; which thread computes a chunk does not
    // change the chunk's result. A helper that starts after the work is gone finds nothing and returns.
    Runnable worker = () -> {
      for (int chunk = next.getAndIncrement(); chunk < count; chunk = next.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            task.accept(chunk);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        } finally {
          done.countDown();
        }
      }
    };
    ForkJoinPool pool = Pool.INSTANCE;
    for (int i = 0; i < helpers; i++) {
      pool.execute(worker);
    }
    worker.run();
    awaitUninterruptibly(done);
    Throwable e = failure.get();
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
  }

  /** Σ values, added pairwise in index order: the same bits for the same values, an error of O(ε log n). */
  static double pairwise(double[] values) {
    return values.length == 0 ? 0 : pairwise(values, 0, values.length);
  }

  private static double pairwise(double[] values, int from, int to) {
    if (to - from <= 2) {
      return to - from == 1 ? values[from] : values[from] + values[from + 1];
    }
    int middle = (from + to) >>> 1;
    return pairwise(values, from, middle) + pairwise(values, middle, to);
  }

  /** The calling thread waits for its helpers; an interrupt is kept for the caller, not lost and not obeyed. */
  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One pool for the process, created on first use, of daemon threads that never keep the JVM alive. */
  private static final class Pool {
    static final ForkJoinPool INSTANCE = new ForkJoinPool(
        Math.max(1, Runtime.getRuntime().availableProcessors() - 1), pool -> {
          ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
          thread.setName("losslab-evaluation-" + thread.getPoolIndex());
          thread.setDaemon(true);
          return thread;
        }, null, true);
  }
}
