/** An example losslab plugin: the quantile (pinball) loss. */
@NullMarked
package com.example.quantile;

import org.jspecify.annotations.NullMarked;
