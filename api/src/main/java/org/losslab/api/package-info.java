/** The losslab contract: {@link org.losslab.api.LossFunction}, the {@link org.losslab.api.LossProvider} SPI, validation and the registry. */
@NullMarked
package org.losslab.api;

import org.jspecify.annotations.NullMarked;
