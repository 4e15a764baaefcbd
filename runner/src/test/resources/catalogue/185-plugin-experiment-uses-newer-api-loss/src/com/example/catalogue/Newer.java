package com.example.catalogue;

import org.losslab.api.Domains;
import org.losslab.api.LossFunction;
import org.losslab.api.LossProvider;
import org.losslab.api.Parameters;
import org.losslab.api.Task;

/** A provider built for API 1.7, a newer minor version than this losslab's. */
public final class Newer implements LossProvider {
  @Override public String apiVersion() { return "1.7"; }

  @Override public String id() { return "newer"; }
  @Override public String description() { return "a catalogue test plugin"; }
  @Override public Task task() { return Task.REGRESSION; }
  @Override public Domains domains() { return Domains.REGRESSION; }

  @Override public LossFunction create(Parameters parameters) {
    return LossFunction.elementwise(id(), parameters, domains(),
        (p, y) -> Math.abs(p - y));
  }
}
