package org.losslab.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Plugin jars made at test time: Java sources compiled against losslab's api, packed with a services file. */
final class PluginJars {
  private PluginJars() {}

  /**
   * Compiles {@code sources} (class name → source) and writes them, with a services file listing {@code providers}
   * and a manifest stating {@code version}, to {@code jar}.
   */
  static Path jar(Path jar, Map<String, String> sources, List<String> providers, String version, Path... classPath)
      throws IOException {
    Path work = Files.createTempDirectory(jar.getParent(), ".build-");
    Path src = Files.createDirectories(work.resolve("src"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> arguments = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn",
        "-classpath", System.getProperty("java.class.path") + java.io.File.pathSeparator
            + String.join(java.io.File.pathSeparator, Stream.of(classPath).map(Path::toString).toList()),
        "-d", classes.toString()));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (!sources.isEmpty() && compiler.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
      throw new IllegalStateException("test plugin sources do not compile");
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
      if (!providers.isEmpty()) {
        out.putNextEntry(new JarEntry("META-INF/services/org.losslab.api.LossProvider"));
        out.write((String.join("\n", providers) + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** A file named like a jar that is not one. */
  static Path corrupt(Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar)) {
      out.write("PK\u0003\u0004 this is not really a zip file".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  /**
   * The source of a provider of an element-wise loss {@code id} in package {@code pkg}: {@code body} is the
   * expression of the loss in p and y; {@code extra} goes into the provider class (constructors, apiVersion).
   */
  static Map<String, String> provider(String pkg, String className, String id, String body, String extra) {
    return Map.of(pkg + "." + className, """
        package %s;

        import org.losslab.api.*;

        public final class %s implements LossProvider {
          %s

          @Override public String id() { return "%s"; }
          @Override public String description() { return "a test plugin loss"; }
          @Override public Task task() { return Task.REGRESSION; }
          @Override public Domains domains() { return Domains.REGRESSION; }
          @Override public LossFunction create(Parameters parameters) {
            return LossFunction.elementwise(id(), parameters, domains(), (p, y) -> %s);
          }
        }
        """.formatted(pkg, className, extra, id, body));
  }
}
