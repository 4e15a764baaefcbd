/** Speed measurements: JMH benchmarks of every built-in loss, a two-array-sum bandwidth baseline, an in-memory harness. */
@NullMarked
package org.losslab.benchmarks;

import org.jspecify.annotations.NullMarked;
