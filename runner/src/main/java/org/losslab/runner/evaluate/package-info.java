/** Evaluating every loss configuration on every dataset, and the results. */
@NullMarked
package org.losslab.runner.evaluate;

import org.jspecify.annotations.NullMarked;
