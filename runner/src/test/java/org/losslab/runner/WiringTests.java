package org.losslab.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.api.Domains;
import org.losslab.api.LossProvider;
import org.losslab.api.LossRegistry;
import org.losslab.api.Task;
import org.losslab.runner.data.DatasetSource;
import org.losslab.runner.evaluate.Evaluator;
import org.losslab.runner.evaluate.Report;
import org.losslab.runner.experiment.ExperimentReader;
import org.losslab.runner.report.ReportWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Guice wiring, and the parts replaced through it: a loss that throws, a report writer that fails. */
class WiringTests {
  private static final String EXPERIMENT = """
      experiment: wiring
      datasets:
        small:
          predictions: [1, 2, 3]
          labels: [1, 3, 6]
      losses:
        - loss: mse
        - loss: exploding
        - loss: l1
      """;

  @Test
  void injectorBindsEveryPart() {
    Injector injector = Guice.createInjector(new RunnerModule());
    Set<String> formats = injector.getInstance(Key.get(new TypeLiteral<Set<ReportWriter>>() {})).stream()
        .map(ReportWriter::format).collect(Collectors.toSet());
    assertThat(formats).containsExactlyInAnyOrder("table", "markdown", "csv", "json");
    assertThat(injector.getInstance(Key.get(new TypeLiteral<Set<DatasetSource>>() {}))).hasSize(4);
    assertThat(injector.getInstance(ExperimentReader.class)).isNotNull();
    assertThat(injector.getInstance(Evaluator.class)).isNotNull();
    LossRegistry registry = injector.getInstance(LossRegistry.class);
    assertThat(registry).isSameAs(injector.getInstance(LossRegistry.class));
    assertThat(registry.problems()).isEmpty();
    assertThat(registry.names()).contains("mse", "l1", "mae", "mbe", "huber", "smooth_l1", "log_cosh",
        "binary_cross_entropy", "weighted_cross_entropy", "balanced_cross_entropy", "focal", "hinge", "squared_hinge",
        "categorical_cross_entropy");
  }

  @Test
  void aLossThatThrowsFailsOnlyItsOwnRowsAndExitsWithThree(@TempDir Path folder) throws IOException {
    Path experiment = Files.writeString(folder.resolve("wiring.yaml"), EXPERIMENT);
    LossProvider exploding = LossProvider.of("exploding", "throws during evaluation", Task.REGRESSION,
        Domains.REGRESSION, (p, y) -> {
          throw new IllegalStateException("boom at p = " + p);
        });
    AbstractModule withExploding = new AbstractModule() {
      @Provides
      @Singleton
      LossRegistry registry() {
        return LossRegistry.builder().load(WiringTests.class.getClassLoader()).add(exploding).build();
      }
    };
    Cli cli = Cli.run(Modules.override(new RunnerModule()).with(withExploding),
        "run", experiment.toString(), "--format", "json");

    assertThat(cli.exitCode()).isEqualTo(ExitCodes.EVALUATION_FAILED);
    JsonNode results = JsonMapper.builder().build().readTree(cli.out()).get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("status").asString()).isEqualTo("computed");
    assertThat(results.get(0).get("value").asDouble()).isEqualTo((0 + 1 + 9) / 3.0);
    assertThat(results.get(1).get("status").asString()).isEqualTo("error");
    assertThat(results.get(1).get("message").asString()).isEqualTo("boom at p = 1.0");
    assertThat(results.get(2).get("value").asDouble()).isEqualTo((0 + 1 + 3) / 3.0);
  }

  @Test
  void aReportWriterThatFailsHalfWayLeavesThePreviousReportIntact(@TempDir Path folder) throws IOException {
    Path experiment = Files.writeString(folder.resolve("e.yaml"), EXPERIMENT.replace("  - loss: exploding\n", ""));
    Path target = Files.writeString(folder.resolve("report.txt"), "the previous report\n");
    ReportWriter broken = mock(ReportWriter.class);
    when(broken.format()).thenReturn("broken");
    doAnswer(call -> {
      Appendable out = call.getArgument(1);
      out.append("half a rep");
      throw new UncheckedIOException(new IOException("disk full"));
    }).when(broken).write(any(Report.class), any(Appendable.class));
    AbstractModule withBroken = new AbstractModule() {
      @Override
      protected void configure() {
        Multibinder.newSetBinder(binder(), ReportWriter.class).addBinding().toInstance(broken);
      }
    };

    Cli cli = Cli.run(Modules.combine(new RunnerModule(), withBroken),
        "run", experiment.toString(), "--format", "broken", "--output", target.toString());

    assertThat(cli.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(cli.err().strip()).startsWith("losslab: cannot write report to " + target).contains("disk full")
        .doesNotContain("\tat ");
    assertThat(Files.readString(target)).isEqualTo("the previous report\n");
    try (var files = Files.list(folder)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("e.yaml", "report.txt");
    }
  }

  @Test
  void anUnknownFormatIsAnInvocationError() {
    Cli cli = Cli.run("run", Cli.example("document-table.yaml"), "--format", "jsno");
    assertThat(cli.exitCode()).isEqualTo(ExitCodes.INVALID);
    assertThat(cli.err()).contains("unknown format \"jsno\"; did you mean json?");
    assertThat(cli.out()).isEmpty();
  }
}
