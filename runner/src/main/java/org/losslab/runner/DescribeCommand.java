package org.losslab.runner;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import org.losslab.api.Batch;
import org.losslab.api.Domains;
import org.losslab.api.LossException;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.api.Parameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code losslab describe LOSS}: formula, parameters, domains and a worked example. */
@Command(name = "describe", mixinStandardHelpOptions = true,
    description = "Describes one loss: formula, parameters, domains and an example.")
final class DescribeCommand implements java.util.concurrent.Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "LOSS", description = "a loss id or alias, as `losslab list` shows them")
  String loss;

  @Mixin
  CommonOptions options;

  private final Provider<LossRegistry> registry;

  @Inject
  DescribeCommand(Provider<LossRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    LossProvider provider = registry.get().provider(loss);
    PrintWriter out = spec.commandLine().getOut();
    out.println(provider.id() + (provider.aliases().isEmpty() ? "" : " (aliases: " + LossCatalog.aliases(provider)
        + ")") + " — " + provider.description());
    out.println();
    out.println("task:        " + provider.task().id());
    if (!provider.formula().isBlank()) {
      out.println("formula:     " + provider.formula().replace("\n", "\n             "));
    }
    Domains domains = provider.domains();
    out.println("predictions: " + domains.predictions().description());
    out.println("labels:      " + domains.labels().description());
    out.println("from:        " + LossCatalog.origin(registry.get(), provider));
    out.println();
    out.println("parameters:");
    for (Parameter parameter : LossCatalog.parameters(provider)) {
      out.printf("  %-14s %-8s default %-8s allowed %-22s %s%n", parameter.name(), parameter.type().id(),
          LossCatalog.format(parameter.defaultValue()), parameter.allowed(), parameter.description());
    }
    Example example = Example.of(domains);
    out.println();
    out.println("example (in an experiment):");
    out.println("  datasets:");
    out.println("    example:");
    out.println("      predictions: " + example.predictionsText);
    out.println("      labels: " + example.labelsText);
    out.println("  losses:");
    out.println("    - loss: " + provider.id());
    try {
      double value = provider.create(Map.of()).value(example.batch);
      out.println("  # value with the default parameters (mean): " + value);
    } catch (LossException e) {
      out.println("  # evaluating the example failed: " + e.getMessage());
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** A small dataset in the loss's domains. */
  private record Example(Batch batch, String predictionsText, String labelsText) {
    static Example of(Domains domains) {
      return switch (domains.labels()) {
        case CLASS -> new Example(Batch.of(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}},
            new double[][] {{0}, {2}}), "[[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]]", "[0, 2]");
        case SIGN -> of(new double[] {0.9, 0.1, 1}, new double[] {1, -1, 1});
        case BINARY -> of(new double[] {0.9, 0.1, 0.8}, new double[] {1, 0, 0});
        case REAL -> of(new double[] {1, 2, 3}, new double[] {1, 3, 6});
      };
    }

    private static Example of(double[] predictions, double[] labels) {
      return new Example(Batch.of(predictions, labels), text(predictions), text(labels));
    }

    private static String text(double[] values) {
      return Arrays.toString(Arrays.stream(values).mapToObj(LossCatalog::format).toArray());
    }
  }
}
