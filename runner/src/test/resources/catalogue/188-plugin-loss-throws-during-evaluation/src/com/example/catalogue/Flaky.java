package com.example.catalogue;

import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.Task;

/** A provider whose loss throws on a prediction above 2. */
public final class Flaky implements LossProvider {
  @Override public String id() { return "flaky"; }
  @Override public String description() { return "a catalogue test plugin"; }
  @Override public Task task() { return Task.REGRESSION; }
  @Override public Domains domains() { return Domains.REGRESSION; }

  @Override public LossFunction create(Parameters parameters) {
    return LossFunction.elementwise(id(), parameters, domains(),
        (p, y) -> p > 2 ? (double) Integer.parseInt("x" + p) : Math.abs(p - y));
  }
}
