package com.example.catalogue;

import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.Task;

/** A provider shipped in two jars, so that its id is claimed twice. */
public final class Doubled implements LossProvider {
  @Override public String id() { return "doubled"; }
  @Override public String description() { return "a catalogue test plugin"; }
  @Override public Task task() { return Task.REGRESSION; }
  @Override public Domains domains() { return Domains.REGRESSION; }

  @Override public LossFunction create(Parameters parameters) {
    return LossFunction.elementwise(id(), parameters, domains(),
        (p, y) -> Math.abs(p - y));
  }
}
