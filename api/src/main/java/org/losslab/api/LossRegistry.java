package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * The losses available: discovered through {@link ServiceLoader} and/or added directly, looked up by id or
 * alias.
 *
 * <p>Discovery never fails as a whole. A provider that cannot be loaded or instantiated, one whose metadata is
 * malformed, and ids claimed by two providers become {@link #problems()}; every other loss stays usable, and
 * asking for a loss that was lost to a problem reports that problem.
 */
@API(status = STABLE, since = "0.1")
public final class LossRegistry {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");
  private static final Pattern PROVIDER_IN_MESSAGE = Pattern.compile("Provider (\\S+)");
  /** ServiceLoader reports a malformed service file once per call; stop if it keeps failing without progress. */
  private static final int MAX_CONSECUTIVE_ERRORS = 1000;

  private final List<LossProvider> providers;
  private final Map<LossProvider, String> origins;
  private final Map<String, LossProvider> byName;
  private final Map<String, LoadProblem> unusable;
  private final List<LoadProblem> problems;

  private LossRegistry(List<Candidate> candidates, List<LoadProblem> loadProblems) {
    List<LoadProblem> problems = new ArrayList<>(loadProblems);
    Map<String, LossProvider> ids = new LinkedHashMap<>();
    Map<String, LoadProblem> unusable = new LinkedHashMap<>();
    Map<LossProvider, String> origins = new java.util.IdentityHashMap<>();
    List<LossProvider> accepted = new ArrayList<>();
    for (Candidate candidate : candidates) {
      LossProvider provider = candidate.provider();
      String origin = candidate.origin();
      String problem = malformed(provider);
      if (problem != null) {
        problems.add(new LoadProblem(provider.getClass().getName(), wellFormedId(provider), problem, null, origin));
        continue;
      }
      String id = provider.id();
      LossProvider earlier = ids.get(id);
      if (earlier != null || unusable.containsKey(id)) {
        String other = earlier != null ? describe(earlier, origins.get(earlier)) : unusable.get(id).providerClass();
        LoadProblem clash = new LoadProblem(provider.getClass().getName(), List.of(id),
            "duplicate loss id \"" + id + "\": provided by both " + other + " and " + describe(provider, origin)
                + "; neither is used",
            null, origin);
        problems.add(clash);
        unusable.put(id, clash);
        if (earlier != null) {
          ids.remove(id);
          accepted.remove(earlier);
        }
        continue;
      }
      ids.put(id, provider);
      origins.put(provider, origin);
      accepted.add(provider);
    }
    Map<String, LossProvider> byName = new LinkedHashMap<>(ids);
    for (LossProvider provider : accepted) {
      for (String alias : provider.aliases()) {
        LossProvider holder = byName.get(alias);
        if (holder != null && holder != provider || unusable.containsKey(alias)) {
          String other = holder != null ? holder.getClass().getName() : unusable.get(alias).providerClass();
          problems.add(new LoadProblem(provider.getClass().getName(), List.of(alias), "alias \"" + alias + "\" of "
              + provider.id() + " is already taken by " + other + "; the alias is ignored", null,
              origins.get(provider)));
          continue;
        }
        byName.put(alias, provider);
      }
    }
    accepted.sort(Comparator.comparing(LossProvider::id));
    this.origins = origins;
    this.providers = List.copyOf(accepted);
    this.byName = Map.copyOf(byName);
    this.unusable = Map.copyOf(unusable);
    this.problems = List.copyOf(problems);
  }

  /** Every provider {@link ServiceLoader} finds through {@code classLoader}. */
  public static LossRegistry load(ClassLoader classLoader) {
    return builder().load(classLoader).build();
  }

  /** Every provider on the class path that loaded losslab. */
  public static LossRegistry load() {
    return load(LossRegistry.class.getClassLoader());
  }

  /** A registry of exactly these providers. */
  public static LossRegistry of(LossProvider... providers) {
    Builder builder = builder();
    for (LossProvider provider : providers) {
      builder.add(provider);
    }
    return builder.build();
  }

  /** A builder combining discovered and directly added providers. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every usable provider, by id. */
  public List<LossProvider> providers() {
    return providers;
  }

  /**
   * Where a usable provider was loaded from, as its loader was described to {@link Builder#load(ClassLoader,
   * String)} (a plugin jar's path, say); empty for the class path and for providers added directly.
   */
  public String origin(LossProvider provider) {
    return origins.getOrDefault(provider, "");
  }

  /** What could not be loaded or registered, and why. */
  public List<LoadProblem> problems() {
    return problems;
  }

  /** The provider with this id or alias, if one is usable. */
  public Optional<LossProvider> find(String idOrAlias) {
    return Optional.ofNullable(byName.get(idOrAlias));
  }

  /**
   * The provider with this id or alias.
   *
   * @throws UnknownLossException naming close matches when there is none
   * @throws LossException with the reason when the id was lost to a load problem (a duplicate, say)
   */
  public LossProvider provider(String idOrAlias) {
    LossProvider provider = byName.get(idOrAlias);
    if (provider != null) {
      return provider;
    }
    LoadProblem problem = unusable.get(idOrAlias);
    if (problem == null) {
      problem = problems.stream().filter(p -> p.ids().contains(idOrAlias)).findFirst().orElse(null);
    }
    if (problem != null) {
      throw new LossException("loss \"" + idOrAlias + "\" is unavailable: "
          + (problem.origin().isEmpty() ? "" : problem.origin() + ": ") + problem.reason(), problem.cause());
    }
    List<String> names = new ArrayList<>(byName.keySet());
    names.sort(null);
    List<String> suggestions = Suggestions.closest(idOrAlias, names);
    // A provider that failed before naming its id may be the one asked for: say so.
    List<LoadProblem> anonymous = problems.stream().filter(p -> p.ids().isEmpty()).toList();
    String failures = anonymous.isEmpty() ? "" : "; " + anonymous.size() + " provider(s) failed to load, perhaps it: "
        + anonymous.get(0).message() + (anonymous.size() > 1 ? ", …" : "");
    throw new UnknownLossException(idOrAlias, suggestions, "unknown loss \"" + idOrAlias + "\""
        + Suggestions.hint(idOrAlias, names) + " (see losslab list)" + failures);
  }

  /** Validates the parameters and creates the loss function for this id or alias. */
  public LossFunction create(String idOrAlias, Map<String, ?> parameters) {
    return provider(idOrAlias).create(parameters);
  }

  /** Every id and alias that names a usable loss, sorted. */
  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  private static String malformed(LossProvider provider) {
    try {
      String id = provider.id();
      if (id == null || !ID.matcher(id).matches()) {
        return "id \"" + id + "\" is not snake_case ([a-z][a-z0-9_]*)";
      }
      for (String alias : provider.aliases()) {
        if (!ID.matcher(alias).matches()) {
          return id + ": alias \"" + alias + "\" is not snake_case ([a-z][a-z0-9_]*)";
        }
      }
      String description = provider.description();
      if (description == null || description.isBlank() || description.contains("\n")) {
        return id + ": description must be one non-empty line";
      }
      if (provider.task() == null || provider.domains() == null) {
        return id + ": task and domains must not be null";
      }
      provider.parameters();
      return incompatible(id, provider.apiVersion());
    } catch (RuntimeException | LinkageError e) {
      return "describing itself threw " + describe(e);
    }
  }

  /**
   * Why a provider built against {@code version} cannot run on this SPI, or null when it can: same major version,
   * and a minor version no newer than ours (a newer one may call methods this version does not have).
   */
  static String incompatible(String id, String version) {
    Matcher stated = VERSION.matcher(version == null ? "" : version);
    Matcher ours = VERSION.matcher(LossProvider.API_VERSION);
    if (!stated.matches() || !ours.matches()) {
      return id + ": API version \"" + version + "\" is not major.minor";
    }
    int major = Integer.parseInt(stated.group(1));
    int minor = Integer.parseInt(stated.group(2));
    int ourMajor = Integer.parseInt(ours.group(1));
    int ourMinor = Integer.parseInt(ours.group(2));
    if (major != ourMajor) {
      return id + ": built for losslab API " + version + ", but this losslab has API " + LossProvider.API_VERSION
          + " (a different major version is incompatible)";
    }
    if (minor > ourMinor) {
      return id + ": built for losslab API " + version + ", newer than this losslab's API "
          + LossProvider.API_VERSION + "; upgrade losslab";
    }
    return null;
  }

  /** The id of a rejected provider when the id itself is fine, so that asking for it reports the problem. */
  private static List<String> wellFormedId(LossProvider provider) {
    try {
      String id = provider.id();
      return id != null && ID.matcher(id).matches() ? List.of(id) : List.of();
    } catch (RuntimeException | LinkageError e) {
      return List.of();
    }
  }

  private static String describe(LossProvider provider, String origin) {
    return provider.getClass().getName() + (origin.isEmpty() ? "" : " (" + origin + ")");
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** A provider offered to the registry, and where it came from. */
  private record Candidate(LossProvider provider, String origin) {}

  /** Collects providers from class loaders and direct registrations. */
  public static final class Builder {
    private final List<Candidate> candidates = new ArrayList<>();
    private final List<LoadProblem> problems = new ArrayList<>();

    private Builder() {}

    /** Adds every provider {@link ServiceLoader} finds through {@code classLoader}, noting those that fail. */
    public Builder load(ClassLoader classLoader) {
      return load(classLoader, "");
    }

    /**
     * Adds every provider {@link ServiceLoader} finds through {@code classLoader}, noting those that fail; {@code
     * origin} (a plugin jar's path, say) is kept with each provider and each problem, for messages and listings.
     */
    public Builder load(ClassLoader classLoader, String origin) {
      Iterator<LossProvider> iterator = ServiceLoader.load(LossProvider.class, classLoader).iterator();
      int consecutiveErrors = 0;
      while (consecutiveErrors < MAX_CONSECUTIVE_ERRORS) {
        try {
          if (!iterator.hasNext()) {
            break;
          }
          candidates.add(new Candidate(iterator.next(), origin));
          consecutiveErrors = 0;
        } catch (ServiceConfigurationError | LinkageError e) {
          consecutiveErrors++;
          problems.add(problem(e, origin));
        }
      }
      return this;
    }

    /** Adds one provider. */
    public Builder add(LossProvider provider) {
      candidates.add(new Candidate(provider, ""));
      return this;
    }

    /** Records a provider that could not even be offered (a corrupt plugin jar, say); it becomes a problem. */
    public Builder problem(LoadProblem problem) {
      problems.add(problem);
      return this;
    }

    /** The registry; clashes between providers become {@link LossRegistry#problems()}. */
    public LossRegistry build() {
      return new LossRegistry(candidates, problems);
    }

    private static LoadProblem problem(Throwable error, String origin) {
      String message = String.valueOf(error.getMessage());
      Matcher matcher = PROVIDER_IN_MESSAGE.matcher(message);
      String providerClass = matcher.find() ? matcher.group(1) : "(service file)";
      Throwable cause = error.getCause();
      String reason;
      if (message.contains("not found")) {
        reason = "class not found (the service file names a class that is not on the class path)";
      } else if (cause != null) {
        reason = "could not be instantiated: " + describe(cause);
      } else {
        reason = message.replaceFirst("^[^:]*: ", "");
      }
      return new LoadProblem(providerClass, List.of(), reason, error, origin);
    }
  }
}
