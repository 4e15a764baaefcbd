package org.losslab.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON report records what produced it, and the same inputs give the same bytes. */
class ReproducibilityTests {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theSameInputsGiveBitwiseTheSameReport() {
    Cli first = Cli.run("run", Cli.example("class-imbalance.yaml"), "--format", "json");
    Cli second = Cli.run("run", Cli.example("class-imbalance.yaml"), "--format", "json");
    assertThat(first.exitCode()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void theReportRecordsTheVersionAndEachDatasetsContentHash() throws Exception {
    JsonNode provenance = JSON.readTree(Cli.run("run", Cli.example("document-table.yaml"), "--format", "json").out())
        .get("provenance");
    assertThat(provenance.get("losslab").asString()).startsWith("0.1.0");
    assertThat(provenance.get("plugins")).isEmpty();
    JsonNode l1 = provenance.get("datasets").get(0);
    assertThat(l1.get("name").asString()).isEqualTo("l1-example");
    assertThat(l1.get("rows").asInt()).isEqualTo(3);
    assertThat(l1.get("nan_policy").asString()).isEqualTo("raise");
    // Recomputed here from the definition: the tag, the shapes, then the SHA-256 of the predictions, of the labels
    // and of the weights, each the IEEE 754 bits of the evaluated doubles, big-endian.
    var whole = java.security.MessageDigest.getInstance("SHA-256");
    var head = java.nio.ByteBuffer.allocate(17 + 8 + 4 + 8 + 4 + 8);
    head.put("losslab-dataset-2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    head.putLong(3).putInt(1).putLong(3).putInt(1).putLong(-1);
    whole.update(head.array());
    whole.update(sha256(1, 2, 3));
    whole.update(sha256(1, 3, 6));
    whole.update(sha256());
    assertThat(l1.get("sha256").asString()).isEqualTo(HexFormat.of().formatHex(whole.digest()));
  }

  @Test
  void contentHashesAreComputedOnlyForTheJsonReport() {
    Cli table = Cli.run("run", Cli.example("document-table.yaml"), "--format", "csv");
    assertThat(table.exitCode()).isZero();
    assertThat(table.out()).doesNotContain("sha256");
  }

  private static byte[] sha256(double... values) throws Exception {
    var bytes = java.nio.ByteBuffer.allocate(values.length * 8);
    for (double value : values) {
      bytes.putLong(Double.doubleToLongBits(value));
    }
    return java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array());
  }

  @Test
  void theSameNumbersHashAlikeWhereverTheyComeFrom(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("d.csv"), "p,y\n1,1\n2,3\n3,6\n");
    Path experiment = Files.writeString(folder.resolve("e.yaml"), """
        experiment: hashes
        datasets:
          inline: {predictions: [1, 2, 3], labels: [1, 3, 6]}
          csv: {csv: d.csv, predictions: p, labels: y}
          other: {predictions: [1, 2, 3], labels: [1, 3, 7]}
        losses:
          - loss: l1
        """);
    JsonNode datasets = JSON.readTree(Cli.run("run", experiment.toString(), "--format", "json").out())
        .get("provenance").get("datasets");
    assertThat(datasets.get(1).get("sha256")).isEqualTo(datasets.get(0).get("sha256"));
    assertThat(datasets.get(2).get("sha256")).isNotEqualTo(datasets.get(0).get("sha256"));
    assertThat(datasets.get(1).get("source").asString()).isEqualTo(folder.resolve("d.csv").toString());
  }
}
