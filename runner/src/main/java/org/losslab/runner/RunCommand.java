package org.losslab.runner;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.losslab.api.LossRegistry;
import org.losslab.api.Suggestions;
import org.losslab.runner.evaluate.Evaluator;
import org.losslab.runner.evaluate.Progress;
import org.losslab.runner.evaluate.Provenance;
import org.losslab.runner.plugin.Plugin;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.evaluate.Status;
import org.losslab.runner.experiment.Experiment;
import org.losslab.runner.experiment.ExperimentReader;
import org.losslab.runner.report.ReportFile;
import org.losslab.runner.report.ReportWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code losslab run EXPERIMENT.yaml}: evaluates every pair and reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Evaluates every loss on every dataset of an experiment and reports the results.")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "EXPERIMENT", description = "the experiment file (YAML)")
  Path experimentFile;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "report format: table (default), markdown, csv or json")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "write the report to FILE (atomically) instead of the terminal")
  @Nullable Path output;

  @Option(names = "--threads", paramLabel = "N",
      description = "evaluate each dataset on N threads (default: the number of processors); the values do not "
          + "depend on N")
  @Nullable Integer threads;

  @Mixin
  CommonOptions options;

  private final ExperimentReader reader;
  private final Evaluator evaluator;
  private final Map<String, ReportWriter> writers = new TreeMap<>();
  private final Provider<LossRegistry> registry;

  private final Provider<List<Plugin>> loadedPlugins;

  @Inject
  RunCommand(ExperimentReader reader, Evaluator evaluator, Set<ReportWriter> writers, Provider<LossRegistry> registry,
      Provider<List<Plugin>> loadedPlugins) {
    this.reader = reader;
    this.evaluator = evaluator;
    this.registry = registry;
    this.loadedPlugins = loadedPlugins;
    writers.forEach(writer -> this.writers.put(writer.format(), writer));
  }

  @Override
  public Integer call() {
    ReportWriter writer = writers.get(format);
    if (writer == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown format \"" + format + "\""
          + Suggestions.hint(format, writers.keySet()) + " (formats: " + String.join(", ", writers.keySet()) + ")");
    }
    int threadCount = threads();
    LoadWarnings.print(registry.get(), spec.commandLine().getErr());
    Experiment experiment = reader.read(experimentFile, experimentFile.toString());
    Progress progress = new Progress(spec.commandLine().getErr(), System.console() != null);
    // Only the JSON report shows the content hashes, and SHA-256 is slower than evaluating: hash only for it.
    Evaluator.Evaluation evaluation = evaluator.evaluate(experiment,
        Evaluator.Options.of(threadCount, format.equals("json")), progress);
    Provenance provenance = new Provenance(LosslabCommand.version(), loadedPlugins.get().stream()
        .map(plugin -> new Provenance.Plugin(plugin.path().toString(), plugin.version())).toList(),
        evaluation.datasets());
    Report report = Evaluator.report(experiment, evaluation, provenance);
    if (output != null) {
      ReportFile.write(output, writer, report);
      spec.commandLine().getOut().println(report.summaryLine() + " (report written to " + output + ")");
    } else {
      writer.write(report, spec.commandLine().getOut());
    }
    return exitCode(report);
  }

  /** {@code --threads}, checked, or the number of processors. */
  private int threads() {
    if (threads == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    if (threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--threads': " + threads + "; expected a number of threads >= 1");
    }
    return threads;
  }

  static int exitCode(Report report) {
    Map<Status, Integer> summary = report.summary();
    if (summary.get(Status.ERROR) > 0) {
      return ExitCodes.EVALUATION_FAILED;
    }
    return summary.get(Status.FAIL) > 0 ? ExitCodes.EXPECTATION_FAILED : ExitCodes.OK;
  }
}
