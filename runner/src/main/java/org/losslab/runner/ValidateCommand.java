package org.losslab.runner;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import org.losslab.api.LossRegistry;
import org.losslab.runner.evaluate.Evaluator;
import org.losslab.runner.evaluate.Progress;
import org.losslab.runner.experiment.Experiment;
import org.losslab.runner.experiment.ExperimentReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code losslab validate EXPERIMENT.yaml}: checks the file, the data, every loss and parameter; evaluates nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks an experiment, its data and every loss and parameter, without evaluating anything.")
final class ValidateCommand implements java.util.concurrent.Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "EXPERIMENT", description = "the experiment file (YAML)")
  Path experimentFile;

  @Mixin
  CommonOptions options;

  private final ExperimentReader reader;
  private final Evaluator evaluator;
  private final Provider<LossRegistry> registry;

  @Inject
  ValidateCommand(ExperimentReader reader, Evaluator evaluator, Provider<LossRegistry> registry) {
    this.reader = reader;
    this.evaluator = evaluator;
    this.registry = registry;
  }

  @Override
  public Integer call() {
    LoadWarnings.print(registry.get(), spec.commandLine().getErr());
    Experiment experiment = reader.read(experimentFile, experimentFile.toString());
    evaluator.validate(experiment, Evaluator.Options.of(Runtime.getRuntime().availableProcessors(), false),
        new Progress(spec.commandLine().getErr(), System.console() != null));
    spec.commandLine().getOut().println(experimentFile + ": valid (" + experiment.datasets().size() + " datasets, "
        + experiment.runs().size() + " loss configurations)");
    return ExitCodes.OK;
  }
}
