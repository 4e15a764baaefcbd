/** Fused batch loops of the built-in losses, scalar and vectorised, and the choice between them at run time. */
@NullMarked
package org.losslab.kernels;

import org.jspecify.annotations.NullMarked;
