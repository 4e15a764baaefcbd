package com.example.catalogue;

import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.Task;

/** A provider whose constructor throws, as one checking a licence at start-up might. */
public final class Throwing implements LossProvider {
  public Throwing() {
    throw new IllegalStateException("no licence");
  }

  @Override public String id() { return "throwing"; }
  @Override public String description() { return "a catalogue test plugin"; }
  @Override public Task task() { return Task.REGRESSION; }
  @Override public Domains domains() { return Domains.REGRESSION; }

  @Override public LossFunction create(Parameters parameters) {
    return LossFunction.elementwise(id(), parameters, domains(),
        (p, y) -> Math.abs(p - y));
  }
}
