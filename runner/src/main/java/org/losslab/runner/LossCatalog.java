package org.losslab.runner;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;

/** What {@code list} and {@code describe} show about a loss: its metadata in printable form, and where it came from. */
final class LossCatalog {
  private LossCatalog() {}

  /**
   * {@code built-in}, the plugin it came from ({@code plugins/quantile.jar (1.0.0)}), or the jar (or folder) on the
   * class path it was loaded from.
   */
  static String origin(LossRegistry registry, LossProvider provider) {
    String plugin = registry.origin(provider);
    if (!plugin.isEmpty()) {
      return plugin;
    }
    String name = provider.getClass().getName();
    if (name.startsWith("org.losslab.regression.") || name.startsWith("org.losslab.classification.")) {
      return "built-in";
    }
    CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "unknown";
    }
    try {
      return Path.of(source.getLocation().toURI()).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }

  /** Every parameter, {@code reduction} included. */
  static List<Parameter> parameters(LossProvider provider) {
    return Parameters.withReduction(provider.parameters());
  }

  /** {@code delta=1 (> 0)}, one per parameter, comma-separated. */
  static String parameterSummary(LossProvider provider) {
    List<String> parts = new ArrayList<>();
    for (Parameter parameter : parameters(provider)) {
      parts.add(parameter.name() + "=" + format(parameter.defaultValue()) + " (" + parameter.allowed() + ")");
    }
    return String.join(", ", parts);
  }

  static String aliases(LossProvider provider) {
    return provider.aliases().stream().collect(Collectors.joining(", "));
  }

  /** A default value as users write it: {@code 1}, {@code 0.25}, {@code 1.0E-7}, {@code mean}, {@code false}. */
  static String format(Object value) {
    if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString(number.longValue());
    }
    return String.valueOf(value);
  }
}
