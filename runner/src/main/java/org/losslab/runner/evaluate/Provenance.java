package org.losslab.runner.evaluate;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a report records so that its numbers can be reproduced: the losslab version, the plugins loaded, and each
 * dataset's content hash, size and NaN handling. Nothing in it depends on the time, the machine or the thread count.
 *
 * @param losslab the losslab version
 * @param plugins every plugin loaded, in load order
 * @param datasets every dataset of the experiment, in file order
 */
public record Provenance(String losslab, List<Plugin> plugins, List<DatasetInfo> datasets) {

  public Provenance {
    plugins = List.copyOf(plugins);
    datasets = List.copyOf(datasets);
  }

  /** For reports built by hand (tests): nothing recorded. */
  public static Provenance unknown() {
    return new Provenance("unknown", List.of(), List.of());
  }

  /** This provenance with other plugins. */
  public Provenance withPlugins(List<Plugin> plugins) {
    return new Provenance(losslab, plugins, datasets);
  }

  /**
   * A plugin: its jar (or folder) and its version, if it states one.
   */
  public record Plugin(String path, @Nullable String version) {}

  /**
   * A dataset as read.
   *
   * @param name its name in the experiment
   * @param source where it came from
   * @param rows the rows read
   * @param omitted the rows dropped for a NaN ({@code nan_policy: omit}); 0 otherwise
   * @param nanPolicy the dataset's NaN policy
   * @param sha256 the SHA-256 of its content as read (its shapes and every value's IEEE 754 bits), hex; null when
   *     not computed (only the JSON report shows it)
   */
  public record DatasetInfo(String name, String source, long rows, long omitted, String nanPolicy,
      @Nullable String sha256) {}
}
