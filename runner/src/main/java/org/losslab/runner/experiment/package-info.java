/** Reading and checking YAML experiments, with the line and column of every problem. */
@NullMarked
package org.losslab.runner.experiment;

import org.jspecify.annotations.NullMarked;
