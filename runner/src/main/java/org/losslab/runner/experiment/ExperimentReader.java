package org.losslab.runner.experiment;

import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.losslab.api.InvalidParameterException;
import org.losslab.api.LossException;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.Reduction;
import org.losslab.api.Suggestions;
import org.losslab.runner.data.DatasetSpec;
import org.losslab.runner.experiment.LossRun.DatasetReference;
import org.losslab.runner.experiment.YamlNode.Mapping;
import org.losslab.runner.experiment.YamlNode.Scalar;
import org.losslab.runner.experiment.YamlNode.Sequence;

/**
 * Reads an experiment file and checks everything that needs no data: the YAML, every key (unknown keys are errors,
 * with "did you mean"), every type, every loss id and parameter, every dataset reference. All problems are
 * collected and reported together, one line each, as {@code file:line:column: field.path: message}.
 */
public final class ExperimentReader {
  private static final Set<String> TOP_KEYS =
      Set.of("experiment", "description", "tolerance", "nan_policy", "datasets", "losses");
  private static final Set<String> INLINE_KEYS = Set.of("predictions", "labels", "weights", "dtype", "nan_policy");
  private static final List<String> DTYPES = List.of("float64", "float32");
  private static final Set<String> CSV_KEYS = Set.of("csv", "predictions", "labels", "weights", "nan_policy");
  private static final Set<String> NPY_KEYS = Set.of("npy", "nan_policy");
  private static final Set<String> NPY_FILE_KEYS = Set.of("predictions", "labels", "weights");
  private static final Set<String> GENERATE_KEYS = Set.of("generate", "nan_policy");
  private static final Set<String> GENERATOR_KEYS =
      Set.of("kind", "rows", "seed", "outlier_fraction", "class_balance", "classes");
  private static final List<String> GENERATOR_KINDS = List.of("regression", "binary", "multiclass");
  private static final Set<String> LOSS_KEYS = Set.of("loss", "name", "params", "sweep", "datasets", "expect");
  private static final int MAX_SWEEP_POINTS = 10_000;

  private final Provider<LossRegistry> registry;
  private final YamlReader yaml = new YamlReader();

  /** A reader resolving losses in {@code registry}, asked for only when an experiment names a loss. */
  @Inject
  public ExperimentReader(Provider<LossRegistry> registry) {
    this.registry = registry;
  }

  /** A reader resolving losses in a fixed registry. */
  public ExperimentReader(LossRegistry registry) {
    this(() -> registry);
  }

  /**
   * Reads and checks an experiment.
   *
   * @param file the experiment file
   * @param displayName how messages name the file (the path as the user typed it)
   * @throws ExperimentException with every problem found
   */
  public Experiment read(Path file, String displayName) {
    YamlNode root = yaml.read(file, displayName);
    Fields fields = new Fields();
    Mapping top = fields.mapping(root, "");
    if (top == null) {
      throw new ExperimentException(fields.problems);
    }
    fields.allowOnly(top, "", TOP_KEYS);
    String name = fields.string(top, "experiment", "", true);
    String description = fields.string(top, "description", "", false);
    Double tolerance = fields.number(top, "tolerance", "");
    if (tolerance != null && !(tolerance > 0 && tolerance < 1)) {
      fields.problem(top.get("tolerance"), "tolerance", "must be a relative tolerance in (0, 1), got " + tolerance);
    }
    NanPolicy defaultPolicy = nanPolicy(fields, top, "", NanPolicy.RAISE);
    Path folder = file.toAbsolutePath().getParent();
    List<DatasetSpec> datasets = datasets(fields, top, folder);
    Map<String, NanPolicy> nanPolicies = new LinkedHashMap<>();
    if (top.get("datasets") instanceof Mapping declared) {
      for (DatasetSpec spec : datasets) {
        Mapping dataset = (Mapping) declared.get(spec.name());
        nanPolicies.put(spec.name(), nanPolicy(fields, dataset, spec.path(), defaultPolicy));
      }
    }
    List<LossRun> runs = losses(fields, top, datasetNames(top));
    if (!fields.problems.isEmpty()) {
      List<Problem> inFileOrder = new ArrayList<>(fields.problems);
      inFileOrder.sort(Comparator.comparingInt((Problem p) -> p.location().line())
          .thenComparingInt(p -> p.location().column()));
      throw new ExperimentException(inFileOrder);
    }
    return new Experiment(name, description, tolerance == null ? Experiment.DEFAULT_TOLERANCE : tolerance,
        file, datasets, runs, nanPolicies);
  }

  private static NanPolicy nanPolicy(Fields fields, Mapping mapping, String path, NanPolicy otherwise) {
    String id = fields.string(mapping, "nan_policy", path, false);
    if (id == null) {
      return otherwise;
    }
    for (NanPolicy policy : NanPolicy.values()) {
      if (policy.id().equals(id)) {
        return policy;
      }
    }
    fields.problem(mapping.get("nan_policy"), path.isEmpty() ? "nan_policy" : path + ".nan_policy",
        "unknown nan_policy \"" + id + "\"" + Suggestions.hint(id, NanPolicy.ids()) + " (policies: "
            + String.join(", ", NanPolicy.ids()) + ")");
    return otherwise;
  }

  private List<DatasetSpec> datasets(Fields fields, Mapping top, Path folder) {
    YamlNode node = fields.required(top, "datasets", "");
    if (node == null) {
      return List.of();
    }
    Mapping datasets = fields.mapping(node, "datasets");
    if (datasets == null) {
      return List.of();
    }
    if (datasets.entries().isEmpty()) {
      fields.problem(datasets, "datasets", "no datasets; declare at least one");
    }
    List<DatasetSpec> specs = new ArrayList<>();
    for (YamlNode.Entry entry : datasets.entries().values()) {
      DatasetSpec spec = dataset(fields, entry.key(), entry.value(), "datasets." + entry.key(), folder);
      if (spec != null) {
        specs.add(spec);
      }
    }
    return specs;
  }

  private @Nullable DatasetSpec dataset(Fields fields, String name, YamlNode node, String path, Path folder) {
    Mapping mapping = fields.mapping(node, path);
    if (mapping == null) {
      return null;
    }
    Location location = mapping.location();
    if (mapping.get("csv") != null) {
      fields.allowOnly(mapping, path, CSV_KEYS);
      String csv = fields.string(mapping, "csv", path, true);
      List<String> predictions = fields.columns(mapping, "predictions", path, true);
      List<String> labels = fields.columns(mapping, "labels", path, true);
      String weights = fields.string(mapping, "weights", path, false);
      if (csv == null || predictions == null || labels == null) {
        return null;
      }
      Map<String, Location> columnLocations = new LinkedHashMap<>();
      for (String key : List.of("predictions", "labels", "weights")) {
        YamlNode value = mapping.get(key);
        columnLocations.put(key, value == null ? location : value.location());
      }
      Path file = fields.path(mapping.get("csv"), path + ".csv", folder, csv);
      if (file == null) {
        return null;
      }
      return new DatasetSpec.Csv(name, location, file, mapping.get("csv").location(), predictions,
          labels, weights, columnLocations);
    }
    if (mapping.get("npy") != null) {
      fields.allowOnly(mapping, path, NPY_KEYS);
      Mapping files = fields.mapping(mapping.get("npy"), path + ".npy");
      if (files == null) {
        return null;
      }
      fields.allowOnly(files, path + ".npy", NPY_FILE_KEYS);
      String predictions = fields.string(files, "predictions", path + ".npy", true);
      String labels = fields.string(files, "labels", path + ".npy", true);
      String weights = fields.string(files, "weights", path + ".npy", false);
      if (predictions == null || labels == null) {
        return null;
      }
      Path predictionsFile = fields.path(files.get("predictions"), path + ".npy.predictions", folder, predictions);
      Path labelsFile = fields.path(files.get("labels"), path + ".npy.labels", folder, labels);
      Path weightsFile = weights == null ? null : fields.path(files.get("weights"), path + ".npy.weights", folder,
          weights);
      if (predictionsFile == null || labelsFile == null || weights != null && weightsFile == null) {
        return null;
      }
      return new DatasetSpec.Npy(name, location, predictionsFile, labelsFile, weightsFile);
    }
    if (mapping.get("generate") != null) {
      fields.allowOnly(mapping, path, GENERATE_KEYS);
      return generated(fields, name, location, mapping.get("generate"), path + ".generate");
    }
    if (mapping.get("predictions") == null && mapping.get("labels") == null) {
      Set<String> known = new LinkedHashSet<>(INLINE_KEYS);
      known.addAll(CSV_KEYS);
      known.addAll(NPY_KEYS);
      known.addAll(GENERATE_KEYS);
      fields.allowOnly(mapping, path, known);
      fields.problem(mapping, path, "a dataset needs inline predictions and labels, or one of csv, npy, generate");
      return null;
    }
    fields.allowOnly(mapping, path, INLINE_KEYS);
    double[][] predictions = fields.matrix(mapping, "predictions", path);
    double[][] labels = fields.matrix(mapping, "labels", path);
    double[] weights = null;
    YamlNode weightsNode = mapping.get("weights");
    if (weightsNode != null) {
      double[][] column = fields.matrix(mapping, "weights", path);
      if (column != null) {
        if (column.length > 0 && column[0].length != 1) {
          fields.problem(weightsNode, path + ".weights", "must be a flat list, one weight per row");
        } else {
          weights = new double[column.length];
          for (int i = 0; i < column.length; i++) {
            weights[i] = column[i][0];
          }
        }
      }
    }
    String dtype = fields.string(mapping, "dtype", path, false);
    if (dtype != null && !DTYPES.contains(dtype)) {
      fields.problem(mapping.get("dtype"), path + ".dtype", "unknown dtype \"" + dtype + "\""
          + Suggestions.hint(dtype, DTYPES) + " (dtypes: " + String.join(", ", DTYPES) + ")");
    }
    if (predictions == null || labels == null) {
      return null;
    }
    return new DatasetSpec.Inline(name, location, predictions, labels, weights, "float32".equals(dtype));
  }

  private @Nullable DatasetSpec generated(Fields fields, String name, Location location, YamlNode node, String path) {
    Mapping generator = fields.mapping(node, path);
    if (generator == null) {
      return null;
    }
    fields.allowOnly(generator, path, GENERATOR_KEYS);
    String kind = fields.string(generator, "kind", path, true);
    if (kind != null && !GENERATOR_KINDS.contains(kind)) {
      fields.problem(generator.get("kind"), path + ".kind", "unknown kind \"" + kind + "\""
          + Suggestions.hint(kind, GENERATOR_KINDS) + " (kinds: " + String.join(", ", GENERATOR_KINDS) + ")");
      kind = null;
    }
    Long rows = fields.integer(generator, "rows", path, 1, Integer.MAX_VALUE);
    Long seed = fields.integer(generator, "seed", path, Long.MIN_VALUE, Long.MAX_VALUE);
    Double outliers = fields.fraction(generator, "outlier_fraction", path);
    Double balance = fields.fraction(generator, "class_balance", path);
    Long classes = fields.integer(generator, "classes", path, 2, 1_000_000);
    if (kind == null) {
      return null;
    }
    return new DatasetSpec.Generated(name, location, kind, rows == null ? 1000 : rows.intValue(),
        seed == null ? 0 : seed, outliers == null ? 0.0 : outliers, balance == null ? 0.5 : balance,
        classes == null ? 3 : classes.intValue());
  }

  /** Every name under {@code datasets:}, including those of datasets with problems of their own. */
  private static List<String> datasetNames(Mapping top) {
    return top.get("datasets") instanceof Mapping datasets ? List.copyOf(datasets.entries().keySet()) : List.of();
  }

  private List<LossRun> losses(Fields fields, Mapping top, List<String> datasetNames) {
    YamlNode node = fields.required(top, "losses", "");
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof Sequence losses)) {
      fields.problem(node, "losses", "expected a list of losses, got " + node.kind());
      return List.of();
    }
    if (losses.items().isEmpty()) {
      fields.problem(losses, "losses", "no losses; list at least one");
    }
    List<LossRun> runs = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (int i = 0; i < losses.items().size(); i++) {
      String path = "losses[" + i + "]";
      for (LossRun run : loss(fields, losses.items().get(i), path, datasetNames)) {
        String earlier = names.putIfAbsent(run.name(), path);
        if (earlier != null) {
          fields.problem(losses.items().get(i), path, "result name \"" + run.name() + "\" is already used by "
              + earlier + "; give one of them a distinct name");
          continue;
        }
        runs.add(run);
      }
    }
    return runs;
  }

  private List<LossRun> loss(Fields fields, YamlNode node, String path, List<String> datasetNames) {
    Mapping entry = fields.mapping(node, path);
    if (entry == null) {
      return List.of();
    }
    fields.allowOnly(entry, path, LOSS_KEYS);
    String id = fields.string(entry, "loss", path, true);
    String label = fields.string(entry, "name", path, false);
    Map<String, YamlNode> params = fields.scalars(entry, "params", path);
    Map<String, Location> keyLocations = new LinkedHashMap<>();
    for (String key : List.of("params", "sweep")) {
      if (entry.get(key) instanceof Mapping mapping) {
        mapping.entries().values().forEach(item -> keyLocations.put(item.key(), item.keyLocation()));
      }
    }
    Map<String, List<YamlNode>> sweep = fields.sweep(entry, "sweep", path);
    List<DatasetReference> references = datasetReferences(fields, entry, path, datasetNames);
    Map<String, Double> expectations = expectations(fields, entry, path, datasetNames, references);
    if (id == null) {
      return List.of();
    }
    LossProvider provider;
    try {
      provider = registry.get().provider(id);
    } catch (LossException e) {
      fields.problem(entry.get("loss"), path + ".loss", e.getMessage());
      return List.of();
    }
    for (String key : sweep.keySet()) {
      if (params.containsKey(key)) {
        fields.problem(entry.get("sweep"), path + ".sweep." + key, "is also set in params; set it in one place");
        return List.of();
      }
    }
    List<Map<String, YamlNode>> points = grid(sweep);
    if (points.size() > MAX_SWEEP_POINTS) {
      fields.problem(entry.get("sweep"), path + ".sweep", "expands to " + points.size() + " configurations; at most "
          + MAX_SWEEP_POINTS);
      return List.of();
    }
    List<LossRun> runs = new ArrayList<>();
    Set<String> reported = new LinkedHashSet<>();
    for (Map<String, YamlNode> point : points) {
      Map<String, YamlNode> given = new LinkedHashMap<>(params);
      given.putAll(point);
      Map<String, Object> raw = new LinkedHashMap<>();
      given.forEach((key, value) -> raw.put(key, ((Scalar) value).value()));
      LossFunction function;
      try {
        function = provider.create(raw);
      } catch (InvalidParameterException e) {
        String where = sweep.containsKey(e.parameter()) ? ".sweep." : ".params.";
        boolean declared = Parameters.withReduction(provider.parameters()).stream()
            .anyMatch(parameter -> parameter.name().equals(e.parameter()));
        // An unknown name points at the name; a bad value at the value.
        Location at = !declared && keyLocations.containsKey(e.parameter()) ? keyLocations.get(e.parameter())
            : given.containsKey(e.parameter()) ? given.get(e.parameter()).location() : entry.location();
        if (reported.add(e.getMessage())) {
          fields.problem(at, path + where + e.parameter(), e.getMessage());
        }
        continue;
      } catch (RuntimeException | LinkageError e) {
        fields.problem(entry.get("loss"), path + ".loss", provider.id() + ": could not be created: " + e);
        return List.of();
      }
      if (function.reduction() == Reduction.NONE) {
        YamlNode at = given.getOrDefault(Parameter.REDUCTION.name(), entry);
        String where = sweep.containsKey(Parameter.REDUCTION.name()) ? ".sweep." : ".params.";
        if (reported.add("none")) {
          fields.problem(at, path + where + "reduction", "none gives per-element values, but an experiment compares "
              + "one value per dataset; use mean or sum");
        }
        continue;
      }
      runs.add(new LossRun(runName(provider.id(), label, params, point), provider, function, references, expectations,
          entry.location(), path));
    }
    return runs;
  }

  private static String runName(String id, @Nullable String label, Map<String, YamlNode> params,
      Map<String, YamlNode> point) {
    if (label != null) {
      return point.isEmpty() ? label : label + describe(point);
    }
    Map<String, YamlNode> all = new LinkedHashMap<>(params);
    all.putAll(point);
    return all.isEmpty() ? id : id + describe(all);
  }

  private static String describe(Map<String, YamlNode> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((key, value) -> parts.add(key + "=" + ((Scalar) value).text()));
    return "(" + String.join(", ", parts) + ")";
  }

  private static List<Map<String, YamlNode>> grid(Map<String, List<YamlNode>> sweep) {
    List<Map<String, YamlNode>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<YamlNode>> axis : sweep.entrySet()) {
      List<Map<String, YamlNode>> next = new ArrayList<>();
      for (Map<String, YamlNode> point : points) {
        for (YamlNode value : axis.getValue()) {
          Map<String, YamlNode> extended = new LinkedHashMap<>(point);
          extended.put(axis.getKey(), value);
          next.add(extended);
          if (next.size() > MAX_SWEEP_POINTS) {
            return next;
          }
        }
      }
      points = next;
    }
    return points;
  }

  private static @Nullable List<DatasetReference> datasetReferences(Fields fields, Mapping entry, String path,
      List<String> datasetNames) {
    YamlNode node = entry.get("datasets");
    if (node == null) {
      return null;
    }
    if (!(node instanceof Sequence list)) {
      fields.problem(node, path + ".datasets", "expected a list of dataset names, got " + node.kind());
      return List.of();
    }
    List<DatasetReference> references = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      YamlNode item = list.items().get(i);
      String itemPath = path + ".datasets[" + i + "]";
      if (!(item instanceof Scalar scalar) || !(scalar.value() instanceof String name)) {
        fields.problem(item, itemPath, "expected a dataset name, got " + item.kind());
        continue;
      }
      if (!datasetNames.contains(name)) {
        fields.problem(item, itemPath, unknownDataset(name, datasetNames));
        continue;
      }
      references.add(new DatasetReference(name, item.location(), itemPath));
    }
    return references;
  }

  private static Map<String, Double> expectations(Fields fields, Mapping entry, String path, List<String> datasetNames,
      @Nullable List<DatasetReference> references) {
    YamlNode node = entry.get("expect");
    Map<String, Double> expectations = new LinkedHashMap<>();
    if (node == null) {
      return expectations;
    }
    Mapping expect = fields.mapping(node, path + ".expect");
    if (expect == null) {
      return expectations;
    }
    for (YamlNode.Entry item : expect.entries().values()) {
      String itemPath = path + ".expect." + item.key();
      if (!datasetNames.contains(item.key())) {
        fields.problem(item.keyLocation(), itemPath, unknownDataset(item.key(), datasetNames));
        continue;
      }
      if (references != null && references.stream().noneMatch(r -> r.name().equals(item.key()))) {
        fields.problem(item.keyLocation(), itemPath, "dataset \"" + item.key()
            + "\" is not in this loss's datasets list; add it there or remove the expectation");
        continue;
      }
      Double value = fields.numberValue(item.value(), itemPath);
      if (value != null) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
          fields.problem(item.value(), itemPath, "an expected value must be a finite number, got " + value);
        } else {
          expectations.put(item.key(), value);
        }
      }
    }
    return expectations;
  }

  private static String unknownDataset(String name, List<String> datasetNames) {
    return "unknown dataset \"" + name + "\"" + Suggestions.hint(name, datasetNames) + " (datasets: "
        + String.join(", ", datasetNames) + ")";
  }

  /** Typed access to YAML nodes that records a {@link Problem} for every mismatch and goes on. */
  private static final class Fields {
    final List<Problem> problems = new ArrayList<>();

    void problem(YamlNode node, String path, String message) {
      problem(node.location(), path, message);
    }

    void problem(Location location, String path, String message) {
      problems.add(new Problem(location, path, message));
    }

    @Nullable Mapping mapping(@Nullable YamlNode node, String path) {
      if (node instanceof Mapping mapping) {
        return mapping;
      }
      if (node != null) {
        problem(node, path.isEmpty() ? "(top level)" : path, "expected a mapping (key: value lines), got " + node.kind());
      }
      return null;
    }

    void allowOnly(Mapping mapping, String path, Set<String> allowed) {
      List<String> sorted = allowed.stream().sorted().toList();
      for (YamlNode.Entry entry : mapping.entries().values()) {
        if (!allowed.contains(entry.key())) {
          problem(entry.keyLocation(), join(path, entry.key()), "unknown key" + Suggestions.hint(entry.key(), sorted)
              + " (allowed here: " + String.join(", ", sorted) + ")");
        }
      }
    }

    @Nullable YamlNode required(Mapping mapping, String key, String path) {
      YamlNode node = mapping.get(key);
      if (node == null) {
        problem(mapping, join(path, key), "is required");
      }
      return node;
    }

    @Nullable String string(Mapping mapping, String key, String path, boolean required) {
      YamlNode node = required ? required(mapping, key, path) : mapping.get(key);
      if (node == null) {
        return null;
      }
      if (node instanceof Scalar scalar && scalar.value() instanceof String text && !text.isBlank()) {
        return text;
      }
      if (node instanceof Scalar scalar && scalar.value() != null && !(scalar.value() instanceof String)) {
        return scalar.text();
      }
      problem(node, join(path, key), "expected a non-empty text, got " + node.kind());
      return null;
    }

    /** {@code text} resolved against the experiment's folder, or null with a problem when no file system path can be. */
    @Nullable Path path(YamlNode node, String path, Path folder, String text) {
      try {
        return folder.resolve(text);
      } catch (java.nio.file.InvalidPathException e) {
        problem(node, path, "not a valid file path: " + e.getReason());
        return null;
      }
    }

    @Nullable List<String> columns(Mapping mapping, String key, String path, boolean required) {
      YamlNode node = required ? required(mapping, key, path) : mapping.get(key);
      if (node == null) {
        return null;
      }
      if (node instanceof Sequence list && !list.items().isEmpty()) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
          YamlNode item = list.items().get(i);
          if (item instanceof Scalar scalar && scalar.value() != null) {
            names.add(scalar.text());
          } else {
            problem(item, join(path, key) + "[" + i + "]", "expected a column name, got " + item.kind());
          }
        }
        return names;
      }
      String name = string(mapping, key, path, required);
      return name == null ? null : List.of(name);
    }

    @Nullable Double number(Mapping mapping, String key, String path) {
      YamlNode node = mapping.get(key);
      return node == null ? null : numberValue(node, join(path, key));
    }

    @Nullable Double numberValue(YamlNode node, String path) {
      if (node instanceof Scalar scalar && scalar.value() instanceof Number number) {
        return number.doubleValue();
      }
      problem(node, path, "expected a number, got " + describe(node));
      return null;
    }

    @Nullable Long integer(Mapping mapping, String key, String path, long min, long max) {
      YamlNode node = mapping.get(key);
      if (node == null) {
        return null;
      }
      if (node instanceof Scalar scalar && scalar.value() instanceof Long value) {
        if (value < min || value > max) {
          problem(node, join(path, key), "must be between " + min + " and " + max + ", got " + value);
          return null;
        }
        return value;
      }
      problem(node, join(path, key), "expected a whole number, got " + describe(node));
      return null;
    }

    @Nullable Double fraction(Mapping mapping, String key, String path) {
      Double value = number(mapping, key, path);
      if (value != null && !(value >= 0 && value <= 1)) {
        problem(mapping.get(key), join(path, key), "must be in [0, 1], got " + value);
        return null;
      }
      return value;
    }

    Map<String, YamlNode> scalars(Mapping entry, String key, String path) {
      Map<String, YamlNode> values = new LinkedHashMap<>();
      YamlNode node = entry.get(key);
      if (node == null) {
        return values;
      }
      Mapping mapping = mapping(node, join(path, key));
      if (mapping == null) {
        return values;
      }
      for (YamlNode.Entry item : mapping.entries().values()) {
        if (item.value() instanceof Scalar) {
          values.put(item.key(), item.value());
        } else {
          problem(item.value(), join(path, key) + "." + item.key(), "expected a single value, got "
              + item.value().kind());
        }
      }
      return values;
    }

    Map<String, List<YamlNode>> sweep(Mapping entry, String key, String path) {
      Map<String, List<YamlNode>> axes = new LinkedHashMap<>();
      YamlNode node = entry.get(key);
      if (node == null) {
        return axes;
      }
      Mapping mapping = mapping(node, join(path, key));
      if (mapping == null) {
        return axes;
      }
      for (YamlNode.Entry item : mapping.entries().values()) {
        String itemPath = join(path, key) + "." + item.key();
        if (!(item.value() instanceof Sequence list) || list.items().isEmpty()) {
          problem(item.value(), itemPath, "expected a non-empty list of values to sweep, got " + item.value().kind());
          continue;
        }
        List<YamlNode> values = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
          YamlNode value = list.items().get(i);
          if (value instanceof Scalar) {
            values.add(value);
          } else {
            problem(value, itemPath + "[" + i + "]", "expected a single value, got " + value.kind());
          }
        }
        axes.put(item.key(), values);
      }
      return axes;
    }

    /** A flat list (N rows of one) or a list of equally long lists (N rows of M). */
    double @Nullable [][] matrix(Mapping mapping, String key, String path) {
      YamlNode node = required(mapping, key, path);
      String field = join(path, key);
      if (node == null) {
        return null;
      }
      if (!(node instanceof Sequence rows)) {
        problem(node, field, "expected a list of numbers or a list of rows, got " + node.kind());
        return null;
      }
      if (rows.items().isEmpty()) {
        problem(node, field, "is empty; at least one row is needed");
        return null;
      }
      boolean nested = rows.items().get(0) instanceof Sequence;
      double[][] matrix = new double[rows.items().size()][];
      int width = -1;
      int before = problems.size();
      for (int i = 0; i < matrix.length; i++) {
        YamlNode row = rows.items().get(i);
        String rowPath = field + "[" + i + "]";
        if (nested) {
          if (!(row instanceof Sequence values)) {
            problem(row, rowPath, "expected a row (a list of numbers) like the rows before it, got " + row.kind());
            continue;
          }
          if (width >= 0 && values.items().size() != width) {
            problem(row, rowPath, "has " + values.items().size() + " values but the rows before it have " + width);
            continue;
          }
          width = values.items().size();
          matrix[i] = new double[width];
          for (int j = 0; j < width; j++) {
            Double value = numberValue(values.items().get(j), rowPath + "[" + j + "]");
            matrix[i][j] = value == null ? Double.NaN : value;
          }
        } else {
          Double value = numberValue(row, rowPath);
          matrix[i] = new double[] {value == null ? Double.NaN : value};
        }
      }
      return problems.size() == before ? matrix : null;
    }

    private static String describe(YamlNode node) {
      return node instanceof Scalar scalar && scalar.value() instanceof String text
          ? "\"" + text + "\"" : node.kind();
    }

    private static String join(String path, String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }
}
