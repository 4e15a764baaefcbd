package org.losslab.runner.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.losslab.kernels.Kernels;
import org.losslab.runner.experiment.ExperimentException;
import org.losslab.runner.experiment.Location;

/**
 * Reads 1-D or 2-D arrays from NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0, as
 * {@code numpy.lib.format} describes them): little-endian {@code <f4}, {@code <f8}, {@code <i4} and {@code <i8};
 * {@link #open} checks the header, {@link Values} reads the values part by part.
 *
 * <p>The file is {@code \x93NUMPY}, a major and a minor version byte, the header's length (2 bytes in 1.0, 4 bytes
 * in 2.0 and 3.0, little-endian), the header (a Python dict literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }}, Latin-1 before 3.0 and UTF-8 in 3.0), and then
 * the values, row-major. A file that is anything else is refused with one line saying what is wrong with it.
 */
final class NpyArray {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** The supported dtypes and their sizes in bytes. */
  private static final Map<String, Integer> ITEM_SIZES = Map.of("<f4", 4, "<f8", 8, "<i4", 4, "<i8", 8);
  private static final String SUPPORTED =
      "supported: <f4, <f8, <i4, <i8 (little-endian float32, float64, int32, int64)";
  /** No real header comes near this; a larger length means a corrupt file, and is not worth allocating. */
  private static final int MAX_HEADER_LENGTH = 1 << 20;
  /** Values per pass when an integer file is scanned for values a float cannot hold. */
  private static final int CHUNK = 1 << 16;
  /** Bytes per positional read: large enough that system calls cost nothing, small enough to stay in cache. */
  private static final int READ_BUFFER = 1 << 20;
  private static final ThreadLocal<ByteBuffer> BUFFERS =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_BUFFER).order(ByteOrder.LITTLE_ENDIAN));
  /** Integers up to this magnitude are exact in a float. */
  private static final double FLOAT_EXACT = 1 << 24;

  private NpyArray() {}

  /**
   * Opens a file and reads its header, for reading its values part by part.
   *
   * @param file an existing regular file
   * @param path the dataset's field path, for messages
   * @throws ExperimentException at the file when it is not a supported .npy file
   */
  static Values open(Path file, String path) {
    Location location = Location.of(file.toString());
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      return new Reading(channel, location, path).read();
    } catch (IOException e) {
      closeQuietly(channel);
      throw cannotRead(location, path, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static ExperimentException cannotRead(Location location, String path, IOException e) {
    return new ExperimentException(location, path,
        "cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
  }

  private static void closeQuietly(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Only read from: nothing is lost.
      }
    }
  }

  /** Reads from {@code position} until the buffer is full or the file ends; returns the bytes read. */
  private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    int start = buffer.position();
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        break;
      }
      at += read;
    }
    return buffer.position() - start;
  }

  /**
   * An open {@code .npy} file whose header is read and checked: its values, read on demand with positional reads
   * into a reused buffer per thread, so that a file of any size is read in constant memory, and parts of it on
   * several threads at once.
   */
  static final class Values implements AutoCloseable {
    private final FileChannel channel;
    private final Location location;
    private final String path;
    private final String dtype;
    private final long[] shape;
    private final long dataStart;
    private final int itemSize;
    private Values(FileChannel channel, Location location, String path, String dtype, long[] shape,
        long dataStart) {
      this.channel = channel;
      this.location = location;
      this.path = path;
      this.dtype = dtype;
      this.shape = shape;
      this.dataStart = dataStart;
      this.itemSize = ITEM_SIZES.get(dtype);
    }

    /** N: the length of the first dimension. */
    int rows() {
      return (int) shape[0];
    }

    /** M: the length of the second dimension, 1 for a 1-D array. */
    int columns() {
      return shape.length == 1 ? 1 : (int) shape[1];
    }

    /** N·M. */
    int elements() {
      return rows() * columns();
    }

    String shapeText() {
      return NpyArray.shapeText(shape);
    }

    /** Whether the values are {@code <f4}. */
    boolean isFloat32() {
      return dtype.equals("<f4");
    }

    /**
     * Whether every value is exactly a float: {@code <f4}, or integers of magnitude at most 2<sup>24</sup> (which
     * takes a pass over an integer file).
     */
    boolean fitsFloat32() {
      if (isFloat32()) {
        return true;
      }
      if (!dtype.startsWith("<i")) {
        return false;
      }
      double[] part = new double[Math.min(elements(), CHUNK)];
      for (int from = 0; from < elements(); from += part.length) {
        int count = Math.min(part.length, elements() - from);
        read(from, part, 0, count);
        for (int i = 0; i < count; i++) {
          if (Math.abs(part[i]) > FLOAT_EXACT) {
            return false;
          }
        }
      }
      return true;
    }

    /**
     * Reads {@code count} values from element {@code from} on into {@code into} at {@code offset}; any dtype.
     * Returns whether they are all finite, checked block by block as each is copied, while it is in the cache.
     */
    boolean read(long from, double[] into, int offset, int count) {
      return readInto(from, into, null, offset, count);
    }

    /** Reads {@code count} values into a float array: {@code <f4} as they are, other dtypes rounded. */
    boolean read(long from, float[] into, int offset, int count) {
      return readInto(from, null, into, offset, count);
    }

    private boolean readInto(long from, double @Nullable [] doubles, float @Nullable [] floats, int offset,
        int count) {
      Kernels kernels = Kernels.best();
      boolean finite = true;
      ByteBuffer chunk = buffer();
      long position = dataStart + from * itemSize;
      try {
        for (int done = 0; done < count; ) {
          int part = Math.min(count - done, chunk.capacity() / itemSize);
          chunk.clear().limit(part * itemSize);
          if (readFully(channel, chunk, position) < part * itemSize) {
            throw new ExperimentException(location, path,
                "truncated: the file ended while its data was read; was it written to meanwhile?");
          }
          chunk.flip();
          position += (long) part * itemSize;
          int at = offset + done;
          switch (dtype) {
            case "<f4" -> {
              if (floats != null) {
                chunk.asFloatBuffer().get(floats, at, part);
              } else {
                for (int i = 0; i < part; i++) {
                  doubles[at + i] = chunk.getFloat();
                }
              }
            }
            case "<f8" -> {
              if (doubles != null) {
                chunk.asDoubleBuffer().get(doubles, at, part);
              } else {
                for (int i = 0; i < part; i++) {
                  floats[at + i] = (float) chunk.getDouble();
                }
              }
            }
            case "<i4" -> {
              for (int i = 0; i < part; i++) {
                put(doubles, floats, at + i, chunk.getInt());
              }
            }
            case "<i8" -> {
              for (int i = 0; i < part; i++) {
                put(doubles, floats, at + i, chunk.getLong());
              }
            }
            default -> throw new IllegalStateException("dtype " + dtype);
          }
          // Integers are finite, and so are their roundings to float (|i| < 2^63 < Float.MAX_VALUE).
          if (finite && dtype.startsWith("<f")) {
            finite = floats != null ? kernels.allFinite(floats, at, at + part)
                : kernels.allFinite(doubles, at, at + part);
          }
          done += part;
        }
      } catch (IOException e) {
        throw cannotRead(location, path, e);
      }
      return finite;
    }

    private static void put(double @Nullable [] doubles, float @Nullable [] floats, int at, double value) {
      if (doubles != null) {
        doubles[at] = value;
      } else {
        floats[at] = (float) value;
      }
    }

    /** One read buffer per thread: parts of a file may be read on several threads at once. */
    private static ByteBuffer buffer() {
      return BUFFERS.get();
    }

    @Override
    public void close() {
      closeQuietly(channel);
    }
  }

  static String shapeText(List<Long> shape) {
    return shapeText(shape.stream().mapToLong(Long::longValue).toArray());
  }

  private static String shapeText(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      text.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return text.append(')').toString();
  }

  /** One pass over one file. */
  private static final class Reading {
    private final FileChannel channel;
    private final Location location;
    private final String path;

    Reading(FileChannel channel, Location location, String path) {
      this.channel = channel;
      this.location = location;
      this.path = path;
    }

    Values read() throws IOException {
      long size = channel.size();
      ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      int prefixLength = readFully(prefix, 0);
      for (int i = 0; i < MAGIC.length; i++) {
        if (i >= prefixLength || prefix.get(i) != MAGIC[i]) {
          throw problem(prefixLength < MAGIC.length && i >= prefixLength
              ? "not a NumPy .npy file: it has only " + size + " bytes"
              : "not a NumPy .npy file: it does not start with \\x93NUMPY");
        }
      }
      if (prefixLength < 10) {
        throw problem("corrupt .npy file: it ends after " + size
            + " bytes, inside the format version and header length");
      }
      int major = prefix.get(6) & 0xff;
      int minor = prefix.get(7) & 0xff;
      if (major < 1 || major > 3 || minor != 0) {
        throw problem("unsupported .npy format version " + major + "." + minor + "; supported: 1.0, 2.0, 3.0");
      }
      if (major > 1 && prefixLength < 12) {
        throw problem("corrupt .npy file: it ends after " + size + " bytes, inside the header length");
      }
      int headerStart = major == 1 ? 10 : 12;
      long headerLength = major == 1 ? prefix.getShort(8) & 0xffff : prefix.getInt(8) & 0xffffffffL;
      if (headerStart + headerLength > size) {
        throw problem("corrupt .npy header: it claims " + headerLength + " bytes but the file ends "
            + (size - headerStart) + " bytes after its start");
      }
      if (headerLength > MAX_HEADER_LENGTH) {
        throw problem("corrupt .npy header: it claims " + headerLength + " bytes; a .npy header is at most "
            + MAX_HEADER_LENGTH + " bytes");
      }
      ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
      readFully(headerBytes, headerStart);
      // Version 3.0 exists only to allow UTF-8 in structured field names; 1.0 and 2.0 are Latin-1.
      String header =
          new String(headerBytes.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
      Map<String, Object> fields = header(header);

      String dtype = dtype(fields.get("descr"));
      long[] shape = shape(fields.get("shape"));
      Object fortranOrder = fields.get("fortran_order");
      if (!(fortranOrder instanceof Boolean)) {
        throw problem("corrupt .npy header: 'fortran_order' is " + fortranOrder + "; expected True or False");
      }
      // A 1-D array, or one of a single row or column, is laid out alike in both orders.
      if ((Boolean) fortranOrder && shape.length == 2 && shape[0] > 1 && shape[1] > 1) {
        throw problem("Fortran-order (column-major) arrays are not supported; save np.ascontiguousarray(a) instead");
      }

      long elements = 1;
      for (long length : shape) {
        elements *= Math.min(length, Datasets.MAX_ARRAY_LENGTH + 1L); // ≤ 2³¹ · 2³¹: cannot overflow
        if (elements > Datasets.MAX_ARRAY_LENGTH || length > Datasets.MAX_ARRAY_LENGTH) {
          throw problem("shape " + shapeText(shape) + " is too large: at most " + Datasets.MAX_ARRAY_LENGTH
              + " values fit in one array");
        }
      }
      int itemSize = ITEM_SIZES.get(dtype);
      long dataStart = headerStart + headerLength;
      long expected = elements * itemSize;
      long actual = size - dataStart;
      if (actual < expected) {
        throw problem("truncated: shape " + shapeText(shape) + " of " + dtype + " needs " + expected
            + " bytes of data but the file has " + actual);
      }
      if (actual > expected) {
        throw problem("shape " + shapeText(shape) + " of " + dtype + " needs " + expected
            + " bytes of data but the file has " + actual + "; is more than one array saved in it?");
      }
      return new Values(channel, location, path, dtype, shape, dataStart);
    }

    private int readFully(ByteBuffer buffer, long position) throws IOException {
      return NpyArray.readFully(channel, buffer, position);
    }

    private Map<String, Object> header(String header) {
      Map<String, Object> fields;
      try {
        Object value = new Literal(header).parse();
        if (!(value instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException("it is not a dict");
        }
        fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          fields.put(String.valueOf(entry.getKey()), entry.getValue());
        }
      } catch (IllegalArgumentException e) {
        throw problem("corrupt .npy header: " + e.getMessage() + " in " + quote(header));
      }
      if (!fields.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
        throw problem("corrupt .npy header: its keys are " + String.join(", ", fields.keySet())
            + "; expected descr, fortran_order and shape");
      }
      return fields;
    }

    private String dtype(Object descr) {
      if (descr instanceof List) {
        throw problem("unsupported dtype: a structured array " + descr + "; " + SUPPORTED);
      }
      if (!(descr instanceof String dtype)) {
        throw problem("corrupt .npy header: 'descr' is " + descr + "; expected a dtype such as '<f8'");
      }
      if (ITEM_SIZES.containsKey(dtype)) {
        return dtype;
      }
      if (dtype.startsWith(">") && ITEM_SIZES.containsKey("<" + dtype.substring(1))) {
        throw problem("big-endian dtype '" + dtype + "' is not supported; save a.astype('<" + dtype.substring(1)
            + "') instead");
      }
      throw problem("unsupported dtype '" + dtype + "'; " + SUPPORTED);
    }

    private long[] shape(Object shape) {
      if (!(shape instanceof Tuple tuple) || !tuple.values().stream().allMatch(v -> v instanceof Long l && l >= 0)) {
        throw problem("corrupt .npy header: 'shape' is " + shape + "; expected a tuple of lengths such as (3, 2)");
      }
      List<Long> lengths = tuple.values().stream().map(Long.class::cast).toList();
      if (lengths.size() == 0) {
        throw problem("a 0-d (scalar) array; expected 1-D (N) or 2-D (N, M)");
      }
      if (lengths.size() > 2) {
        throw problem("shape " + shapeText(lengths) + " has " + lengths.size()
            + " dimensions; expected 1-D (N) or 2-D (N, M)");
      }
      return lengths.stream().mapToLong(Long::longValue).toArray();
    }

    private ExperimentException problem(String message) {
      return new ExperimentException(location, path, message);
    }

    private static String quote(String header) {
      // \v: NEL and the Unicode line separators too, which a version 3.0 (UTF-8) header may hold.
      String text = header.strip().replaceAll("[\\s\\v]+", " ");
      return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
  }

  /** A Python tuple in a header, told apart from a list (a structured dtype's {@code descr}). */
  private record Tuple(List<Object> values) {
    @Override
    public String toString() {
      return values.size() == 1 ? "(" + values.get(0) + ",)"
          : values.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }
  }

  /** Python's {@code None}. */
  private enum None {
    NONE;

    @Override
    public String toString() {
      return "None";
    }
  }

  /**
   * The Python literals a .npy header is made of, as {@code numpy.lib.format} writes them with {@code repr}: dicts,
   * strings, integers (with Python 2's {@code L} suffix), {@code True}, {@code False}, {@code None}, tuples and lists.
   */
  private static final class Literal {
    /**
     * A header nests three levels deep ({@code {'shape': (3, 2)}}), a structured dtype's a few more; the parser
     * recurses once per level, and a header of a megabyte of brackets would overflow the stack.
     */
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int at;
    private int depth;

    Literal(String text) {
      this.text = text;
    }

    /** The one value in the text. */
    Object parse() {
      Object value = value();
      skipSpace();
      if (at < text.length()) {
        throw unexpected();
      }
      return value;
    }

    private Object value() {
      skipSpace();
      if (at >= text.length()) {
        throw new IllegalArgumentException("it ends too early");
      }
      char c = text.charAt(at);
      if (c == '{' || c == '(' || c == '[') {
        if (depth == MAX_DEPTH) {
          throw new IllegalArgumentException("it nests more than " + MAX_DEPTH + " levels deep");
        }
        depth++;
        try {
          return container(c);
        } finally {
          depth--;
        }
      }
      if (c == '\'' || c == '"') {
        return string(c);
      }
      if (c == '-' || c == '+' || Character.isDigit(c)) {
        return integer();
      }
      int start = at;
      while (at < text.length() && Character.isLetter(text.charAt(at))) {
        at++;
      }
      switch (text.substring(start, at)) {
        case "True":
          return Boolean.TRUE;
        case "False":
          return Boolean.FALSE;
        case "None":
          return None.NONE;
        default:
          at = start;
          throw unexpected();
      }
    }

    /** A dict, a tuple or a list, starting with {@code open}. */
    private Object container(char open) {
      at++;
      if (open == '{') {
        Map<Object, Object> dict = new LinkedHashMap<>();
        // Entries are separated by commas, and one may follow the last: {'a': 1, 'b': 2, }
        while (!closes('}')) {
          Object key = value();
          expect(':');
          dict.put(key, value());
          if (closes('}')) {
            break;
          }
          expect(',');
        }
        return dict;
      }
      char close = open == '(' ? ')' : ']';
      List<Object> values = new ArrayList<>();
      while (!closes(close)) {
        values.add(value());
        if (closes(close)) {
          break;
        }
        expect(',');
      }
      return open == '(' ? new Tuple(List.copyOf(values)) : List.copyOf(values);
    }

    /** Skips a closing bracket if it is next. */
    private boolean closes(char close) {
      skipSpace();
      if (at < text.length() && text.charAt(at) == close) {
        at++;
        return true;
      }
      if (at >= text.length()) {
        throw new IllegalArgumentException("'" + close + "' missing at its end");
      }
      return false;
    }

    private void expect(char c) {
      skipSpace();
      if (at >= text.length() || text.charAt(at) != c) {
        throw at >= text.length() ? new IllegalArgumentException("'" + c + "' missing at its end") : unexpected();
      }
      at++;
    }

    private String string(char quote) {
      StringBuilder value = new StringBuilder();
      for (at++; at < text.length(); at++) {
        char c = text.charAt(at);
        if (c == quote) {
          at++;
          return value.toString();
        }
        if (c == '\\' && at + 1 < text.length()) {
          c = text.charAt(++at);
        }
        value.append(c);
      }
      throw new IllegalArgumentException("a string is not closed");
    }

    private Long integer() {
      int start = at;
      if (text.charAt(at) == '-' || text.charAt(at) == '+') {
        at++;
      }
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      String digits = text.substring(start, at);
      if (at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l')) {
        at++;
      }
      try {
        return Long.valueOf(digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + digits + "' is not an integer of at most 64 bits", e);
      }
    }

    private IllegalArgumentException unexpected() {
      return new IllegalArgumentException("unexpected '" + text.charAt(at) + "' at character " + (at + 1));
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }
  }
}
