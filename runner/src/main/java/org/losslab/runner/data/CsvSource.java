package org.losslab.runner.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.losslab.api.Batch;
import org.losslab.api.Suggestions;
import org.losslab.runner.experiment.ExperimentException;
import org.jspecify.annotations.Nullable;
import org.losslab.runner.experiment.Location;
import org.losslab.runner.experiment.Problem;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads datasets from CSV files ({@link DatasetSpec.Csv}) with a header row: the named prediction, label and weight
 * columns become the batch's N × M predictions, N × L labels and N weights.
 *
 * <p>The file is UTF-8 (a byte-order mark is skipped), with {@code LF} or {@code CRLF} line ends; blank lines are
 * skipped and fields may be quoted. Numbers are read as Java and Python write them, including the NaN and infinity
 * spellings of both ({@code NaN}, {@code nan}, {@code inf}, {@code -Infinity}): they go through to the loss, whose
 * validation reports them with their row. Every problem is one line pointing at the file, the line and the field
 * ({@code preds.csv:5:2}); rows are numbered from 0 after the header, as the losses number them.
 */
public final class CsvSource implements DatasetSource {
  /** At most this many column names are listed when a column is not found. */
  private static final int LISTED_COLUMNS = 20;

  private final CsvMapper mapper;

  /** A source reading UTF-8, comma-separated files. */
  public CsvSource() {
    // No schema: the parser hands each line over as an array of strings, and the header is ours to interpret.
    mapper = CsvMapper.builder().enable(CsvReadFeature.SKIP_EMPTY_LINES).build();
  }

  @Override
  public boolean supports(DatasetSpec spec) {
    return spec instanceof DatasetSpec.Csv;
  }

  @Override
  public DatasetReader open(DatasetSpec spec, ReadOptions options) {
    return DatasetReader.of(read(spec));
  }

  @Override
  public Dataset read(DatasetSpec spec) {
    if (!(spec instanceof DatasetSpec.Csv csv)) {
      throw new IllegalArgumentException("CsvSource reads csv datasets, not " + spec);
    }
    Path file = csv.file();
    if (!Files.exists(file)) {
      throw new ExperimentException(csv.fileLocation(), csv.path() + ".csv",
          "CSV file not found: " + file.toAbsolutePath().normalize());
    }
    if (Files.isDirectory(file)) {
      throw new ExperimentException(csv.fileLocation(), csv.path() + ".csv",
          file.toAbsolutePath().normalize() + " is a directory, not a CSV file");
    }
    if (!Files.isRegularFile(file)) {
      // A FIFO or a device could block forever or never end: refuse before opening it.
      throw new ExperimentException(csv.fileLocation(), csv.path() + ".csv",
          file.toAbsolutePath().normalize() + " is not a regular file (a device or a pipe?)");
    }
    try (JsonParser parser = mapper.createParser(file.toFile())) {
      return new Reading(csv, parser).read();
    } catch (JacksonException e) {
      throw unreadable(csv, e, -1, 0);
    } catch (IllegalStateException e) {
      throw new ExperimentException(Location.of(file.toString()), csv.path(), "too large: " + e.getMessage(), e);
    }
  }

  /**
   * What Jackson could not read (a quote not closed, bytes that are not UTF-8), at the place it says.
   *
   * @param row the row being read, or −1
   * @param rowLine the line that row starts on, or 0
   */
  private static ExperimentException unreadable(DatasetSpec.Csv spec, JacksonException e, int row, int rowLine) {
    String file = spec.file().toString();
    TokenStreamLocation where = e.getLocation();
    int line = where == null ? 0 : where.getLineNr();
    Location location = line > 0 ? new Location(file, line, Math.max(where.getColumnNr(), 0)) : Location.of(file);
    String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    // A quote that is never closed is noticed at the end of the file: say where its row starts.
    String context = row >= 0 && rowLine > 0 && line > rowLine
        ? " (in row " + row + ", which starts on line " + rowLine + ")"
        : "";
    return new ExperimentException(location, spec.path(),
        "cannot read CSV: " + reason.replaceAll("\\R", " ") + context, e);
  }

  /**
   * The number in a field: what {@link Double#parseDouble} reads, without its {@code f}/{@code d} suffixes, plus
   * NumPy's and Python's {@code nan}, {@code inf} and {@code infinity} in any case.
   *
   * @throws NumberFormatException when it is not a number
   */
  static double parseNumber(String field) {
    String text = field.strip();
    if (text.isEmpty()) {
      throw new NumberFormatException("empty");
    }
    char first = text.charAt(text.length() > 1 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0);
    if (first == 'n' || first == 'N' || first == 'i' || first == 'I') {
      switch (text.toLowerCase(Locale.ROOT)) {
        case "nan", "+nan", "-nan":
          return Double.NaN;
        case "inf", "+inf", "infinity", "+infinity":
          return Double.POSITIVE_INFINITY;
        case "-inf", "-infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          throw new NumberFormatException(text);
      }
    }
    char last = text.charAt(text.length() - 1);
    // Java's literal suffixes: parseDouble takes them, but no data tool writes them.
    if (last == 'f' || last == 'F' || last == 'd' || last == 'D') {
      throw new NumberFormatException(text);
    }
    return Double.parseDouble(text);
  }

  /** One pass over one file. */
  private static final class Reading {
    private final DatasetSpec.Csv spec;
    private final JsonParser parser;
    private final String file;

    /** The fields of the current row that are read, by field index; the others are only counted. */
    private boolean[] wanted = new boolean[0];
    private String[] fields = new String[0];
    private int[] fieldLines = new int[0];
    /** The line the current row (or the header) starts on; 0 before its first field. */
    private int line;
    /** The first NaN or ±∞ read, with its line and field. */
    private @Nullable Problem firstNonFinite;
    /** The data row being read, numbered from 0; −1 while the header is. */
    private int row = -1;

    Reading(DatasetSpec.Csv spec, JsonParser parser) {
      this.spec = spec;
      this.parser = parser;
      this.file = spec.file().toString();
    }

    Dataset read() {
      try {
        return readRows();
      } catch (JacksonException e) {
        throw unreadable(spec, e, row, line);
      }
    }

    private Dataset readRows() {
      List<String> header = header();
      int headerLine = line;
      int[] predictionFields = fields(header, headerLine, spec.predictionColumns(), "prediction", "predictions");
      int[] labelFields = fields(header, headerLine, spec.labelColumns(), "label", "labels");
      String weightColumn = spec.weightColumn();
      int weightField = weightColumn == null ? -1 : field(header, headerLine, weightColumn, "weight", "weights");

      wanted = new boolean[header.size()];
      fields = new String[header.size()];
      fieldLines = new int[header.size()];
      for (int field : predictionFields) {
        wanted[field] = true;
      }
      for (int field : labelFields) {
        wanted[field] = true;
      }
      if (weightField >= 0) {
        wanted[weightField] = true;
      }

      DoubleArrayBuilder predictions = new DoubleArrayBuilder();
      DoubleArrayBuilder labels = new DoubleArrayBuilder();
      DoubleArrayBuilder weights = new DoubleArrayBuilder();
      // row is the number of the row being read, also while nextRow() reads it (a parse error names it).
      for (row = 0;; row++) {
        int count = nextRow();
        if (count < 0) {
          break;
        }
        if (count != header.size()) {
          throw new ExperimentException(new Location(file, line, 0), spec.path(), "row " + row + " has " + count
              + (count == 1 ? " field" : " fields") + ", expected " + header.size() + " as in the header");
        }
        for (int field : predictionFields) {
          predictions.add(number(header, field, row));
        }
        for (int field : labelFields) {
          labels.add(number(header, field, row));
        }
        if (weightField >= 0) {
          weights.add(number(header, weightField, row));
        }
      }
      if (row == 0) {
        throw new ExperimentException(Location.of(file), spec.path(), "no data rows after the header");
      }
      Batch batch = Batch.ofRows(predictions.toArray(), predictionFields.length, labels.toArray(), labelFields.length);
      if (weightField >= 0) {
        batch = batch.withWeights(weights.toArray());
      }
      return new Dataset(spec.name(), batch, file, firstNonFinite);
    }

    private List<String> header() {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new ExperimentException(Location.of(file), spec.path(),
            "the file is empty; expected a header row naming the columns");
      }
      List<String> names = new ArrayList<>();
      line = 0;
      for (token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (line == 0) {
          line = parser.currentTokenLocation().getLineNr();
        }
        names.add(parser.getString().strip());
      }
      return names;
    }

    /** Reads the next row: the wanted fields into {@link #fields}, its line into {@link #line}. */
    private int nextRow() {
      if (parser.nextToken() == null) {
        return -1;
      }
      int count = 0;
      // Where the row starts, known before its first field is read (a parse error inside it names this line).
      line = parser.currentLocation().getLineNr();
      for (JsonToken token = parser.nextToken(); token != null && token != JsonToken.END_ARRAY;
          token = parser.nextToken(), count++) {
        int fieldLine = parser.currentTokenLocation().getLineNr();
        if (count == 0) {
          line = fieldLine;
        }
        if (count < wanted.length && wanted[count]) {
          fields[count] = parser.getString();
          fieldLines[count] = fieldLine;
        }
      }
      if (line == 0) {
        line = parser.currentLocation().getLineNr();
      }
      return count;
    }

    private double number(List<String> header, int field, int row) {
      String text = fields[field];
      try {
        double value = parseNumber(text);
        if (!Double.isFinite(value) && firstNonFinite == null) {
          firstNonFinite = new Problem(new Location(file, fieldLines[field], field + 1), spec.path(), "column \""
              + header.get(field) + "\", row " + row + ": " + value + "; data must be finite");
        }
        return value;
      } catch (NumberFormatException e) {
        throw new ExperimentException(new Location(file, fieldLines[field], field + 1), spec.path(), "column \""
            + header.get(field) + "\", row " + row + ": \"" + text + "\" is not a number", e);
      }
    }

    /**
     * The field indices of columns.
     *
     * @param role what the columns hold, for messages: {@code prediction}
     * @param key the experiment's key that names them: {@code predictions}
     */
    private int[] fields(List<String> header, int headerLine, List<String> columns, String role, String key) {
      if (columns.isEmpty()) {
        throw new ExperimentException(spec.columnLocation(key), spec.path() + "." + key,
            "no " + role + " columns given; name at least one column of " + file);
      }
      int[] fields = new int[columns.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = field(header, headerLine, columns.get(i), role, key);
      }
      return fields;
    }

    private int field(List<String> header, int headerLine, String column, String role, String key) {
      int found = -1;
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).equals(column)) {
          if (found >= 0) {
            throw new ExperimentException(new Location(file, headerLine, i + 1), spec.path(), "column \"" + column
                + "\" appears twice in the header, as field " + (found + 1) + " and field " + (i + 1));
          }
          found = i;
        }
      }
      if (found >= 0) {
        return found;
      }
      if (header.stream().allMatch(Reading::isNumber)) {
        throw new ExperimentException(new Location(file, headerLine, 0), spec.path(), "the first row ("
            + String.join(",", header) + ") looks like data, not a header; add a header row naming the columns");
      }
      String listed = header.size() <= LISTED_COLUMNS
          ? String.join(", ", header)
          : String.join(", ", header.subList(0, LISTED_COLUMNS)) + ", … (" + header.size() + " in all)";
      throw new ExperimentException(spec.columnLocation(key), spec.path() + "." + key, role + " column \"" + column
          + "\" is not in " + file + " (columns: " + listed + ")" + Suggestions.hint(column, header));
    }

    private static boolean isNumber(String text) {
      try {
        parseNumber(text);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }
}
