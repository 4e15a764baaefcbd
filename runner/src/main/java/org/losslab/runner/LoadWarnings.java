package org.losslab.runner;

import java.io.PrintWriter;
import org.losslab.api.LoadProblem;
import org.losslab.api.LossRegistry;

/** Prints one warning per loss that could not be loaded; the other losses stay usable. */
final class LoadWarnings {
  private LoadWarnings() {}

  static void print(LossRegistry registry, PrintWriter err) {
    for (LoadProblem problem : registry.problems()) {
      err.println("warning: " + problem.message());
    }
    err.flush();
  }
}
