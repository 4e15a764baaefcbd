package org.losslab.runner;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.api.Parameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code losslab list}: every registered loss with its aliases, task, parameters and origin. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every registered loss.")
final class ListCommand implements java.util.concurrent.Callable<Integer> {
  /** The formats {@code list} writes. */
  enum Format { table, json, markdown }

  @Spec
  CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table (default), json or markdown (the README's table)")
  Format format;

  @Mixin
  CommonOptions options;

  private final Provider<LossRegistry> registry;

  @Inject
  ListCommand(Provider<LossRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LoadWarnings.print(registry.get(), spec.commandLine().getErr());
    switch (format) {
      case json -> out.println(json(registry.get()));
      case markdown -> out.print(markdown(registry.get()));
      case table -> out.print(table(registry.get()));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String table(LossRegistry registry) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "ALIASES", "TASK", "PARAMETERS (default, allowed)", "FROM"});
    for (LossProvider provider : registry.providers()) {
      rows.add(new String[] {provider.id(), LossCatalog.aliases(provider), provider.task().id(),
          LossCatalog.parameterSummary(provider), LossCatalog.origin(registry, provider)});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /** The README's table of losses: generated here, checked against the README by a test. */
  static String markdown(LossRegistry registry) {
    StringBuilder text = new StringBuilder();
    text.append("| id | aliases | task | parameters (default; allowed) | description |\n");
    text.append("|---|---|---|---|---|\n");
    for (LossProvider provider : registry.providers()) {
      List<String> parameters = new ArrayList<>();
      for (Parameter parameter : LossCatalog.parameters(provider)) {
        parameters.add("`" + parameter.name() + "` = " + LossCatalog.format(parameter.defaultValue()) + "; "
            + parameter.allowed());
      }
      text.append("| `").append(provider.id()).append("` | ").append(LossCatalog.aliases(provider)).append(" | ")
          .append(provider.task().id()).append(" | ").append(String.join("<br>", parameters).replace("|", "\\|"))
          .append(" | ").append(provider.description().replace("|", "\\|")).append(" |\n");
    }
    return text.toString();
  }

  private static String json(LossRegistry registry) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode losses = root.putArray("losses");
    for (LossProvider provider : registry.providers()) {
      ObjectNode loss = losses.addObject();
      loss.put("id", provider.id());
      ArrayNode aliases = loss.putArray("aliases");
      provider.aliases().forEach(aliases::add);
      loss.put("description", provider.description());
      loss.put("task", provider.task().id());
      loss.put("predictions", provider.domains().predictions().id());
      loss.put("labels", provider.domains().labels().id());
      ArrayNode parameters = loss.putArray("parameters");
      for (Parameter parameter : LossCatalog.parameters(provider)) {
        ObjectNode entry = parameters.addObject();
        entry.put("name", parameter.name());
        entry.put("type", parameter.type().id());
        entry.putPOJO("default", parameter.defaultValue());
        entry.put("allowed", parameter.allowed());
        entry.put("description", parameter.description());
      }
      loss.put("origin", LossCatalog.origin(registry, provider));
    }
    ArrayNode problems = root.putArray("problems");
    registry.problems().forEach(problem -> problems.add(problem.message()));
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
