package org.losslab.api;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/** "Did you mean …?": the candidates closest to a misspelt name, by edit distance. */
@API(status = INTERNAL, since = "0.1")
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidates within a small edit distance of {@code name} (or that start with it), closest first, at most
   * three. Case and the difference between {@code -} and {@code _} are ignored.
   */
  public static List<String> closest(String name, Collection<String> candidates) {
    String wanted = normalise(name);
    // One edit per three characters (at least one): "hubr" finds huber, "10" does not find "2".
    int limit = Math.max(1, wanted.length() / 3);
    record Scored(String candidate, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String candidate : candidates) {
      String normalised = normalise(candidate);
      int distance = distance(wanted, normalised);
      if (normalised.equals(wanted)) {
        scored.add(new Scored(candidate, -1));
      } else if (wanted.length() >= 2 && normalised.startsWith(wanted)) {
        scored.add(new Scored(candidate, 0));
      } else if (distance <= limit) {
        scored.add(new Scored(candidate, distance));
      }
    }
    return scored.stream()
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
        .map(Scored::candidate)
        .distinct()
        .limit(3)
        .toList();
  }

  /** {@code "; did you mean huber?"}, {@code "; did you mean huber or smooth_l1?"}, or empty when nothing is close. */
  public static String hint(String name, Collection<String> candidates) {
    List<String> closest = closest(name, candidates);
    if (closest.isEmpty()) {
      return "";
    }
    return "; did you mean " + String.join(" or ", closest) + "?";
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("hubre" → "huber" is 1). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
