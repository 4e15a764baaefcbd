/** Dataset sources: inline, CSV, NumPy .npy and generated data. */
@NullMarked
package org.losslab.runner.data;

import org.jspecify.annotations.NullMarked;
