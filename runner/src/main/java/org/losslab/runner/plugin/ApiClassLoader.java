package org.losslab.runner.plugin;

/**
 * The parent of every plugin's class loader: it shares losslab's api (and the annotations it uses) with the host,
 * and the JDK; nothing else. A plugin's own dependencies therefore come from its own jars, so two plugins that need
 * conflicting versions of a library live side by side (as Trino loads its plugins).
 */
final class ApiClassLoader extends ClassLoader {
  private static final String[] SHARED = {"org.losslab.api.", "org.jspecify.annotations.", "org.apiguardian.api."};

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader host;

  ApiClassLoader(ClassLoader host) {
    super("losslab-api", ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (shared(name)) {
      return host.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  static boolean shared(String className) {
    for (String prefix : SHARED) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
