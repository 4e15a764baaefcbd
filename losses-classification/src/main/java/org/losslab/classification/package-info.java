/** Classification losses: the binary cross-entropy family, focal, hinge and categorical cross-entropy. */
@NullMarked
package org.losslab.classification;

import org.jspecify.annotations.NullMarked;
