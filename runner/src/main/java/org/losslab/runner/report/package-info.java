/** Report writers: table, markdown, csv, json; written atomically. */
@NullMarked
package org.losslab.runner.report;

import org.jspecify.annotations.NullMarked;
