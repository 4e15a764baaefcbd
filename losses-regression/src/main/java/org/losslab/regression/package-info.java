/** Regression losses: mse, l1 (mae), mbe, huber, smooth_l1 and log_cosh, each with exact derivatives. */
@NullMarked
package org.losslab.regression;

import org.jspecify.annotations.NullMarked;
