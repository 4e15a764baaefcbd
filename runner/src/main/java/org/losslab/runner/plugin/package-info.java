/** Plugins: loss providers in jars (or folders of jars), each in its own class loader that shares only the api. */
@NullMarked
package org.losslab.runner.plugin;

import org.jspecify.annotations.NullMarked;
