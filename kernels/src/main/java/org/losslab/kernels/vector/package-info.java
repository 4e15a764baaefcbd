/** The Vector API (jdk.incubator.vector) loops, loaded only when the JVM has the module. */
@NullMarked
package org.losslab.kernels.vector;

import org.jspecify.annotations.NullMarked;
