package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** A parameter is unknown, of the wrong type, or out of range: {@code huber: delta (-1.0) must be > 0}. */
@API(status = STABLE, since = "0.1")
public class InvalidParameterException extends LossException {
  private static final long serialVersionUID = 1L;

  private final String loss;
  private final String parameter;

  public InvalidParameterException(String loss, String parameter, String message) {
    super(message);
    this.loss = loss;
    this.parameter = parameter;
  }

  /** The id of the loss whose parameter is wrong. */
  public String loss() {
    return loss;
  }

  /** The parameter's name as the user gave it. */
  public String parameter() {
    return parameter;
  }
}
