package org.losslab.runner;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.losslab.api.LoadProblem;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.testkit.LossContract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code losslab check --plugins DIR}: the contract checks a plugin's own tests run (derivatives against finite
 * differences, parameter validation, reductions, input errors, determinism, API version), from the command line.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = "Checks the plugins' losses (or, without plugins, every loss) against the loss contract.")
final class CheckCommand implements java.util.concurrent.Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--all", description = "check the built-in losses too, not only the plugins'")
  boolean all;

  @Mixin
  CommonOptions options;

  private final Provider<LossRegistry> registry;

  @Inject
  CheckCommand(Provider<LossRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    LossRegistry losses = registry.get();
    boolean onlyPlugins = !all && !options.plugins.folders().isEmpty();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"LOSS", "FROM", "CHECK", "RESULT"});
    int failed = 0;
    for (LoadProblem problem : losses.problems()) {
      rows.add(new String[] {String.join(", ", problem.ids()), problem.origin(), "loads", "FAIL: " + problem.reason()});
      failed++;
    }
    for (LossProvider provider : losses.providers()) {
      String origin = LossCatalog.origin(losses, provider);
      if (onlyPlugins && losses.origin(provider).isEmpty()) {
        continue;
      }
      for (LossContract.Result result : LossContract.run(provider)) {
        rows.add(new String[] {provider.id(), origin, result.check(),
            result.passed() ? "pass" : "FAIL: " + oneLine(result.detail())});
        failed += result.passed() ? 0 : 1;
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    print(rows, out);
    out.println();
    out.println(rows.size() - 1 - failed + " passed, " + failed + " failed");
    out.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.EXPECTATION_FAILED;
  }

  private static void print(List<String[]> rows, PrintWriter out) {
    int[] widths = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      out.printf("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n", row[0], row[1], row[2],
          row[3]);
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }
}
