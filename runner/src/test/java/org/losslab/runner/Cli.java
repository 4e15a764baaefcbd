package org.losslab.runner;

import com.google.inject.Module;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {

  /** The repository's root, where the examples are (surefire runs in the module's folder). */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  static Cli run(String... args) {
    return run(new RunnerModule(), args);
  }

  static Cli run(Module module, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), module);
    return new Cli(code, out.toString(), err.toString());
  }

  static String example(String name) {
    return ROOT.resolve("examples").resolve(name).toString();
  }
}
