package org.losslab.runner.experiment;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses a YAML file into a {@link YamlNode} tree with SnakeYAML Engine, under limits that keep a hostile document
 * from exhausting memory: its size, its nesting depth, the number of aliases, and the number of nodes after
 * aliases are expanded ("billion laughs"). Duplicate keys are errors.
 */
public final class YamlReader {
  /** Larger experiments belong in data files: inline data of a few hundred thousand values still fits. */
  static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
  static final int MAX_ALIASES = 100;
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES = 2_000_000;
  /** 8<sup>400</sup> = 2<sup>1200</sup>: a whole number of more significant digits than this is beyond any double. */
  static final int MAX_INTEGER_DIGITS = 400;

  /** Reads and parses {@code file}; every failure is an {@link ExperimentException} with its location. */
  public YamlNode read(Path file, String displayName) {
    if (Files.isDirectory(file)) {
      throw new ExperimentException(Location.of(displayName), "", "is a directory, not an experiment file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new ExperimentException(Location.of(displayName), "", "is not a regular file (a device or a pipe?)");
    }
    try {
      long size = Files.size(file);
      if (size > 4L * MAX_CODE_POINTS) {
        throw tooLarge(displayName);
      }
      var decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), decoder)) {
        return parse(reader, displayName);
      }
    } catch (NoSuchFileException e) {
      throw new ExperimentException(Location.of(displayName), "", "file not found");
    } catch (CharacterCodingException e) {
      throw new ExperimentException(Location.of(displayName), "", "is not valid UTF-8 text");
    } catch (IOException e) {
      throw new ExperimentException(Location.of(displayName), "", "cannot be read: " + e.getMessage());
    }
  }

  /** Parses YAML text; {@code displayName} names it in locations. */
  public YamlNode parse(Reader reader, String displayName) {
    LoadSettings settings = LoadSettings.builder()
        .setLabel(displayName)
        .setSchema(new CoreSchema())
        .setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(MAX_ALIASES)
        .setAllowRecursiveKeys(false)
        // Non-scalar keys are refused by our own check, which knows where the key is.
        .setAllowNonScalarKeys(true)
        .setCodePointLimit(MAX_CODE_POINTS)
        .build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeReader(reader);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      Location location = mark == null ? Location.of(displayName) : location(displayName, mark);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      if (e.getContext() != null && !e.getContext().isBlank()) {
        problem = e.getContext() + ": " + problem;
      }
      throw new ExperimentException(location, "", "invalid YAML: " + oneLine(problem));
    } catch (YamlVersionException e) {
      // Its own message is only the version: "Version{major=2, minor=0}".
      throw new ExperimentException(Location.of(displayName), "", "unsupported YAML version "
          + e.getSpecVersion().getRepresentation() + " (%YAML directive); losslab reads YAML 1.x");
    } catch (YamlEngineException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        // SnakeYAML wraps what the reader throws: this is read()'s strict UTF-8 decoder refusing a byte.
        throw new ExperimentException(Location.of(displayName), "", "is not valid UTF-8 text");
      }
      String message = oneLine(String.valueOf(e.getMessage()));
      if (message.contains("code point")) {
        throw tooLarge(displayName);
      }
      throw new ExperimentException(Location.of(displayName), "", "invalid YAML: " + message);
    } catch (IllegalArgumentException e) {
      // SnakeYAML Engine 3.2 lets some malformed input escape as plain IllegalArgumentExceptions instead of its own.
      throw new ExperimentException(Location.of(displayName), "", "invalid YAML: " + leakedProblem(e), e);
    } catch (StackOverflowError e) {
      throw new ExperimentException(Location.of(displayName), "", "invalid YAML: nested too deeply");
    }
    if (root.isEmpty()) {
      throw new ExperimentException(Location.of(displayName), "", "the file is empty");
    }
    return new Converter(displayName).convert(root.get(), 0);
  }

  /** What a parser exception that SnakeYAML does not wrap in its own (see {@link #parse}) says is wrong. */
  private static String leakedProblem(IllegalArgumentException e) {
    StackTraceElement thrower = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
    if (e instanceof NumberFormatException) {
      // Integer.parseInt of the hex digits of an x, u or U escape, unchecked: none before the end of the text (a file
      // ending in a backslash and a u), or eight beyond 7FFFFFFF ("\UFFFFFFFF").
      return "a \\x, \\u or \\U escape in a double-quoted string is cut short or beyond U+10FFFF";
    }
    if (thrower != null && thrower.getClassName().equals(Tag.class.getName())) {
      // A tag whose %-escapes decode to spaces or to nothing: !%20, !%a
      return "a tag cannot be read: " + oneLine(String.valueOf(e.getMessage()));
    }
    return oneLine(String.valueOf(e.getMessage()));
  }

  private static ExperimentException tooLarge(String displayName) {
    return new ExperimentException(Location.of(displayName), "", "is larger than " + MAX_CODE_POINTS / (1024 * 1024)
        + " MB of text; put large data in a CSV or .npy file");
  }

  private static Location location(String file, Mark mark) {
    return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\n\\s*", " ").trim();
  }

  /** Turns SnakeYAML nodes into {@link YamlNode}s, counting nodes so that aliases cannot multiply them. */
  private static final class Converter {
    private final String file;
    private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
    private int nodes;

    Converter(String file) {
      this.file = file;
    }

    YamlNode convert(Node node, int depth) {
      Location location = node.getStartMark().map(mark -> location(file, mark)).orElse(Location.of(file));
      if (++nodes > MAX_NODES) {
        throw new ExperimentException(location, "", "the document expands to more than " + MAX_NODES
            + " nodes (through aliases?); refusing to read it");
      }
      if (depth > MAX_DEPTH) {
        throw new ExperimentException(location, "", "nested more than " + MAX_DEPTH + " levels deep");
      }
      if (onPath.put(node, Boolean.TRUE) != null) {
        throw new ExperimentException(location, "", "a recursive alias refers to itself");
      }
      try {
        if (node instanceof MappingNode mapping) {
          return mapping(mapping, location, depth);
        }
        if (node instanceof SequenceNode sequence) {
          List<YamlNode> items = new ArrayList<>();
          for (Node item : sequence.getValue()) {
            items.add(convert(item, depth + 1));
          }
          return new YamlNode.Sequence(location, items);
        }
        return scalar((ScalarNode) node, location);
      } finally {
        onPath.remove(node);
      }
    }

    private YamlNode mapping(MappingNode mapping, Location location, int depth) {
      Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        Location keyLocation = keyNode.getStartMark().map(mark -> location(file, mark)).orElse(location);
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          throw new ExperimentException(keyLocation, "", "a key must be a plain name, not a list or mapping");
        }
        String key = scalarKey.getValue();
        YamlNode.Entry earlier = entries.get(key);
        if (earlier != null) {
          throw new ExperimentException(keyLocation, "", "duplicate key \"" + key + "\" (first given at line "
              + earlier.keyLocation().line() + ")");
        }
        entries.put(key, new YamlNode.Entry(key, keyLocation, convert(tuple.getValueNode(), depth + 1)));
      }
      return new YamlNode.Mapping(location, entries);
    }

    private YamlNode scalar(ScalarNode node, Location location) {
      String text = node.getValue();
      Tag tag = node.getTag();
      try {
        return new YamlNode.Scalar(location, value(text, tag, location), text);
      } catch (NumberFormatException e) {
        throw new ExperimentException(location, "", "invalid YAML: \"" + text + "\" is not a "
            + tag.getValue().replace("tag:yaml.org,2002:", "!!"));
      }
    }

    private static Object value(String text, Tag tag, Location location) {
      Object value;
      if (Tag.NULL.equals(tag)) {
        value = null;
      } else if (Tag.BOOL.equals(tag)) {
        value = Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
      } else if (Tag.INT.equals(tag)) {
        value = integer(text);
      } else if (Tag.FLOAT.equals(tag)) {
        value = floating(text);
      } else if (Tag.STR.equals(tag)) {
        value = text;
      } else {
        throw new ExperimentException(location, "", "unsupported YAML tag " + tag.getValue());
      }
      return value;
    }

    private static Object integer(String text) {
      String digits = text.replace("_", "");
      int radix = 10;
      if (digits.startsWith("0x")) {
        radix = 16;
        digits = digits.substring(2);
      } else if (digits.startsWith("0o")) {
        radix = 8;
        digits = digits.substring(2);
      }
      digits = digits.startsWith("+") ? digits.substring(1) : digits;
      boolean negative = digits.startsWith("-");
      if (digits.length() > MAX_INTEGER_DIGITS && isBeyondDouble(negative ? digits.substring(1) : digits, radix)) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      BigInteger value = new BigInteger(digits, radix);
      return value.bitLength() < 64 ? (Object) value.longValue() : (Object) value.doubleValue();
    }

    /**
     * Whether {@code digits} is a whole number of more than {@link #MAX_INTEGER_DIGITS} significant digits, beyond
     * {@link Double#MAX_VALUE} in base 8, 10 or 16 (its {@code doubleValue()} is infinite). {@code BigInteger} parses
     * in quadratic time, some minutes for the 8 million digits a file may hold; this looks at each digit once.
     *
     * @throws NumberFormatException when a character is not a digit, as {@code BigInteger} would
     */
    private static boolean isBeyondDouble(String digits, int radix) {
      int significant = 0;
      for (int i = 0; i < digits.length(); i++) {
        int digit = Character.digit(digits.charAt(i), radix);
        if (digit < 0) {
          throw new NumberFormatException("not a digit in base " + radix + ": " + digits.charAt(i));
        }
        if (digit > 0 || significant > 0) {
          significant++;
        }
      }
      return significant > MAX_INTEGER_DIGITS;
    }

    private static Double floating(String text) {
      String lower = text.toLowerCase(java.util.Locale.ROOT);
      return switch (lower) {
        case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
        case "-.inf" -> Double.NEGATIVE_INFINITY;
        case ".nan" -> Double.NaN;
        default -> Double.parseDouble(text);
      };
    }
  }
}
