package org.losslab.runner.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document as a tree that remembers where every node is, so that a problem found long after parsing
 * (an unknown loss, an out-of-range parameter) still points at its line and column.
 */
public sealed interface YamlNode {

  /** Where the node starts. */
  Location location();

  /** What the node is, for "expected a list, got a mapping": {@code a mapping}, {@code a list}, {@code a number}… */
  String kind();

  /** A mapping with string keys, in file order. */
  record Mapping(Location location, Map<String, Entry> entries) implements YamlNode {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String kind() {
      return "a mapping";
    }

    /** The value under {@code key}, if present. */
    public @Nullable YamlNode get(String key) {
      Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }
  }

  /** One key of a mapping with its value; the key's own location is where "unknown key" points. */
  record Entry(String key, Location keyLocation, YamlNode value) {}

  /** A sequence. */
  record Sequence(Location location, List<YamlNode> items) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "a list";
    }
  }

  /**
   * A scalar, typed by YAML 1.2's core schema: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, or
   * null for {@code ~} / {@code null} / an empty value. Quoted scalars are always strings.
   */
  record Scalar(Location location, @Nullable Object value, String text) implements YamlNode {
    @Override
    public String kind() {
      if (value == null) {
        return "null";
      }
      if (value instanceof String) {
        return "a string";
      }
      if (value instanceof Boolean) {
        return "a boolean";
      }
      return "a number";
    }
  }
}
