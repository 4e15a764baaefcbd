package org.losslab.runner;

import org.losslab.runner.plugin.PluginOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command takes: {@code --verbose} and where the plugins are. */
final class CommonOptions {
  /** Read by {@link Main} before parsing, so that even a parse error can show its stack trace. */
  @Option(names = "--verbose", description = "print stack traces of errors")
  boolean verbose;

  @Mixin
  PluginOptions plugins;
}
