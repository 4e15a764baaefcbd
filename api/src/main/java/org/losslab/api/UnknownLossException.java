package org.losslab.api;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import org.apiguardian.api.API;

/** No registered loss has this id or alias: {@code unknown loss "hubr"; did you mean huber?}. */
@API(status = STABLE, since = "0.1")
public class UnknownLossException extends LossException {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final List<String> suggestions;

  public UnknownLossException(String id, List<String> suggestions, String message) {
    super(message);
    this.id = id;
    this.suggestions = List.copyOf(suggestions);
  }

  /** The id that was asked for. */
  public String id() {
    return id;
  }

  /** Registered ids close to {@link #id()}, closest first; possibly empty. */
  public List<String> suggestions() {
    return suggestions;
  }
}
