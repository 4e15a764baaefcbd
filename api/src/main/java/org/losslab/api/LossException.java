package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The root of every error losslab reports: unchecked, with a one-line message that names the loss, the thing that
 * is wrong, its value and what is allowed.
 */
@API(status = STABLE, since = "0.1")
public class LossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LossException(String message) {
    super(message);
  }

  public LossException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
