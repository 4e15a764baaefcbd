package org.losslab.runner.experiment;

/**
 * Where something is in a file, 1-based: {@code experiment.yaml:12:7}. A column of 0 means the whole line, a line
 * of 0 the whole file.
 */
public record Location(String file, int line, int column) {

  /** The whole file. */
  public static Location of(String file) {
    return new Location(file, 0, 0);
  }

  @Override
  public String toString() {
    if (line <= 0) {
      return file;
    }
    return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
