package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A provider the registry could not take: it failed to load, has a malformed id, was built for another API version,
 * or clashes with another.
 *
 * @param providerClass the provider's class name (or the service file's entry when the class itself is missing)
 * @param ids the loss ids this problem makes unusable; empty when the provider failed before naming any
 * @param reason one line: what went wrong
 * @param cause the underlying throwable, for {@code --verbose}
 * @param origin where the provider came from (a plugin jar's path), or empty for the class path
 */
@API(status = STABLE, since = "0.1")
public record LoadProblem(String providerClass, List<String> ids, String reason, @Nullable Throwable cause,
    String origin) {

  public LoadProblem {
    ids = List.copyOf(ids);
  }

  /** A problem with a provider from the class path. */
  public LoadProblem(String providerClass, List<String> ids, String reason, @Nullable Throwable cause) {
    this(providerClass, ids, reason, cause, "");
  }

  /** {@code plugins/acme.jar: com.acme.Pinball: could not be instantiated: IllegalStateException: no licence}. */
  public String message() {
    return (origin.isEmpty() ? "" : origin + ": ") + (providerClass.isEmpty() ? "" : providerClass + ": ") + reason;
  }
}
