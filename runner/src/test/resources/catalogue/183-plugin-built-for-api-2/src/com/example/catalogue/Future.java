package com.example.catalogue;

import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.Task;

/** A provider claiming API 2.0, a major version this losslab does not have. */
public final class Future implements LossProvider {
  @Override public String apiVersion() { return "2.0"; }

  @Override public String id() { return "future_loss"; }
  @Override public String description() { return "a catalogue test plugin"; }
  @Override public Task task() { return Task.REGRESSION; }
  @Override public Domains domains() { return Domains.REGRESSION; }

  @Override public LossFunction create(Parameters parameters) {
    return LossFunction.elementwise(id(), parameters, domains(),
        (p, y) -> Math.abs(p - y));
  }
}
