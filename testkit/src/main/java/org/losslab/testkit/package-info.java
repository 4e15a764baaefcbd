/** Checks for loss authors: derivatives against finite differences and the contract every loss must keep. */
@NullMarked
package org.losslab.testkit;

import org.jspecify.annotations.NullMarked;
