package org.losslab.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected distances are optimal-string-alignment distances worked out by hand. */
class SuggestionsTests {
  private static final List<String> LOSSES =
      List.of("huber", "l1", "l2", "log_cosh", "cross_entropy", "binary_cross_entropy", "hinge");

  @Test
  void countsAnAdjacentTranspositionAsOneEdit() {
    assertThat(Suggestions.distance("hubre", "huber")).isEqualTo(1);
    assertThat(Suggestions.distance("uhbre", "huber")).isEqualTo(2);
    assertThat(Suggestions.distance("huber", "huber")).isZero();
    assertThat(Suggestions.distance("", "l1")).isEqualTo(2);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
  }

  @Test
  void suggestsAcrossTwoTranspositionsThatPlainLevenshteinWouldCountAsFour() {
    // Levenshtein("hubre", "huber") = 2, beyond the limit of 1 for a five-letter name; OSA counts the swap as 1.
    assertThat(Suggestions.closest("hubre", LOSSES)).containsExactly("huber");
    // Two swaps are two edits: too far for five letters.
    assertThat(Suggestions.closest("uhbre", LOSSES)).isEmpty();
  }

  @Test
  void ignoresCase() {
    assertThat(Suggestions.closest("HUBER", LOSSES)).containsExactly("huber");
    assertThat(Suggestions.closest("Hinge", LOSSES)).containsExactly("hinge");
  }

  @Test
  void treatsDashAndUnderscoreAlike() {
    assertThat(Suggestions.closest("log-cosh", LOSSES)).containsExactly("log_cosh");
    assertThat(Suggestions.closest("Cross-Entropy", LOSSES)).first().isEqualTo("cross_entropy");
  }

  @Test
  void suggestsLongerNamesThatStartWithWhatWasTyped() {
    assertThat(Suggestions.closest("cross", LOSSES)).containsExactly("cross_entropy");
    assertThat(Suggestions.closest("binary", LOSSES)).containsExactly("binary_cross_entropy");
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertThat(Suggestions.closest("pinball", LOSSES)).isEmpty();
    assertThat(Suggestions.hint("pinball", LOSSES)).isEmpty();
    assertThat(Suggestions.hint("huber", List.of())).isEmpty();
  }

  @Test
  void suggestsAtMostThreeClosestFirst() {
    // "l" is one edit from every l<digit>: ties break alphabetically.
    assertThat(Suggestions.closest("l", List.of("l5", "l4", "l3", "l2", "l1"))).containsExactly("l1", "l2", "l3");
    // The exact match first, then by distance (huber, 1); hubert and hu (2 edits) are too far for four letters.
    assertThat(Suggestions.closest("hubr", List.of("hubert", "huber", "hubr", "hu"))).containsExactly("hubr", "huber");
    // A name the input begins ranks before a one-edit neighbour.
    assertThat(Suggestions.closest("log", List.of("l1", "log_cosh", "lg"))).containsExactly("log_cosh", "lg");
  }

  @Test
  void hintReadsAsOneClauseOfAMessage() {
    assertThat(Suggestions.hint("hubr", LOSSES)).isEqualTo("; did you mean huber?");
    assertThat(Suggestions.hint("l3", List.of("l1", "l2"))).isEqualTo("; did you mean l1 or l2?");
  }

  @Test
  void listsADuplicateCandidateOnce() {
    assertThat(Suggestions.closest("hubr", List.of("huber", "huber"))).containsExactly("huber");
  }
}
