package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A provider the registry could not take: it failed to load, has a malformed id, or clashes with another.
 *
 * @param providerClass the provider's class name (or the service file's entry when the class itself is missing)
 * @param ids the loss ids this problem makes unusable; empty when the provider failed before naming any
 * @param reason one line: what went wrong
 * @param cause the underlying throwable, for {@code --verbose}
 */
@API(status = STABLE, since = "0.1")
public record LoadProblem(String providerClass, List<String> ids, String reason, @Nullable Throwable cause) {

  public LoadProblem {
    ids = List.copyOf(ids);
  }

  /** {@code com.acme.Pinball: constructor threw IllegalStateException: no licence}. */
  public String message() {
    return providerClass + ": " + reason;
  }
}
