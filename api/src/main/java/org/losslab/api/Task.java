package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** The kind of problem a loss is made for. */
@API(status = STABLE, since = "0.1")
public enum Task {
  REGRESSION,
  CLASSIFICATION;

  /** The id shown to users: {@code regression} or {@code classification}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
