package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** The type of a loss parameter's value. */
@API(status = STABLE, since = "0.1")
public enum ParameterType {
  /** A finite double, optionally restricted by a {@link Range}. */
  NUMBER,
  /** A whole number, optionally restricted by a {@link Range}. */
  INTEGER,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** One of a fixed set of strings (a number is accepted when its text is one of them, as {@code log_base: 2}). */
  CHOICE;

  /** The type as users read it: {@code number}, {@code integer}, {@code boolean} or {@code choice}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
