package org.losslab.runner;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import org.losslab.api.LossRegistry;
import org.losslab.runner.data.CsvSource;
import org.losslab.runner.data.DatasetSource;
import org.losslab.runner.data.GeneratedSource;
import org.losslab.runner.data.InlineSource;
import org.losslab.runner.data.NpySource;
import java.util.List;
import org.losslab.runner.plugin.Plugin;
import org.losslab.runner.plugin.PluginLoader;
import org.losslab.runner.plugin.PluginOptions;
import org.losslab.runner.report.CsvReportWriter;
import org.losslab.runner.report.JsonReportWriter;
import org.losslab.runner.report.MarkdownReportWriter;
import org.losslab.runner.report.ReportWriter;
import org.losslab.runner.report.TableReportWriter;

/**
 * The runner's wiring: the loss registry (from {@link java.util.ServiceLoader}), the dataset sources and the report
 * writers (each a {@link Multibinder}, so a part is added here and nowhere else). The experiment reader and the
 * evaluator need no binding: Guice builds them from their {@code @Inject} constructors.
 */
public class RunnerModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder<DatasetSource> sources = Multibinder.newSetBinder(binder(), DatasetSource.class);
    sources.addBinding().to(InlineSource.class);
    sources.addBinding().to(CsvSource.class);
    sources.addBinding().to(NpySource.class);
    sources.addBinding().to(GeneratedSource.class);

    Multibinder<ReportWriter> writers = Multibinder.newSetBinder(binder(), ReportWriter.class);
    writers.addBinding().to(TableReportWriter.class);
    writers.addBinding().to(MarkdownReportWriter.class);
    writers.addBinding().to(CsvReportWriter.class);
    writers.addBinding().to(JsonReportWriter.class);
  }

  /**
   * Every loss on the runner's class path and in the plugin folders. Built on first use, after picocli has parsed
   * {@code --plugins} into the (singleton) {@link PluginOptions}: parts that need the registry take a
   * {@code Provider<LossRegistry>}.
   */
  @Provides
  @Singleton
  LossRegistry registry(List<Plugin> plugins) {
    return new PluginLoader(RunnerModule.class.getClassLoader()).registry(plugins);
  }

  /** The plugins in the plugin folders, found once per invocation. */
  @Provides
  @Singleton
  List<Plugin> plugins(PluginOptions options) {
    return PluginLoader.plugins(options.folders());
  }
}
