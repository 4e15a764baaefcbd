package org.losslab.runner.experiment;

/**
 * One thing wrong with an experiment or its data, printed as one line:
 * {@code experiment.yaml:12:7: losses[0].params.delta: huber: delta (-1) must be > 0}.
 *
 * @param location where it is
 * @param path the field path inside the experiment ({@code losses[0].params.delta}), or empty
 * @param message what is wrong, with a suggestion where there is one
 */
public record Problem(Location location, String path, String message) {

  @Override
  public String toString() {
    String line = location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    // One problem, one line: a line break (or any control character) inside a quoted name must not split it.
    StringBuilder escaped = new StringBuilder(line.length());
    line.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
            escaped.append(String.format("\\u%04x", c));
          } else {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }
}
