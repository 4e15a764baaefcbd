package org.losslab.classification;

import java.util.List;
import java.util.Locale;
import org.losslab.api.Domains;
import org.losslab.api.LabelDomain;
import org.losslab.api.Parameter;
import org.losslab.api.Parameters;
import org.losslab.api.PredictionDomain;

/**
 * How a margin loss reads its labels, the {@code label_encoding} parameter: {@code sign} (−1 or +1, the default)
 * or {@code zero_one} (0 or 1, mapped to 2y − 1). The mapping is explicit: a 0 label under {@code sign} is an
 * error, never silently read as −1.
 */
enum LabelEncoding {
  SIGN(LabelDomain.SIGN),
  ZERO_ONE(LabelDomain.BINARY);

  static final Parameter PARAMETER = Parameter.choice("label_encoding", "sign", List.of("sign", "zero_one"),
      "sign: labels are -1 or +1; zero_one: labels are 0 or 1, mapped to 2y - 1");

  private final LabelDomain labels;

  LabelEncoding(LabelDomain labels) {
    this.labels = labels;
  }

  static LabelEncoding from(Parameters parameters) {
    return valueOf(parameters.choice(PARAMETER.name()).toUpperCase(Locale.ROOT));
  }

  /** Real margins against labels in this encoding. */
  Domains domains() {
    return new Domains(PredictionDomain.REAL, labels);
  }

  /** The label as −1 or +1. */
  double sign(double label) {
    return this == ZERO_ONE ? 2 * label - 1 : label;
  }

  /** {@code sign} or {@code zero_one}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
