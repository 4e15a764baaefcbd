/** The losslab command line, wired with Guice: run, validate, list, describe. */
@NullMarked
package org.losslab.runner;

import org.jspecify.annotations.NullMarked;
