package org.losslab.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the float32 vectors that {@code bench/generate.py} writes: {@code .npy} version 1–3, {@code <f4}, C order,
 * shape (N,) or (N, 1). The runner has the full reader; this one only has to load the harness's own files.
 */
final class NpyFile {
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(\\s*(\\d+)\\s*,?\\s*(?:(\\d+)\\s*)?\\)");

  private NpyFile() {}

  static float[] readFloats(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer preamble = read(channel, 0, 12);
      byte[] magic = new byte[6];
      preamble.get(magic);
      if (!new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY") || magic[0] != (byte) 0x93) {
        throw new IllegalArgumentException(file + ": not a .npy file (no \\x93NUMPY magic)");
      }
      int major = preamble.get();
      preamble.get();
      long headerLength = major == 1 ? Short.toUnsignedInt(preamble.getShort()) : Integer.toUnsignedLong(preamble.getInt());
      long headerStart = major == 1 ? 10 : 12;
      String header = StandardCharsets.ISO_8859_1.decode(read(channel, headerStart, (int) headerLength)).toString();
      String descr = group(DESCR, header, file);
      if (!descr.equals("<f4") || group(FORTRAN, header, file).equals("True")) {
        throw new IllegalArgumentException(file + ": dtype " + descr + " (fortran_order "
            + group(FORTRAN, header, file) + ") does not match the expected <f4 in C order");
      }
      Matcher shape = SHAPE.matcher(header);
      if (!shape.find() || shape.group(2) != null && !shape.group(2).equals("1")) {
        throw new IllegalArgumentException(file + ": shape in " + header.trim() + " does not match (N,) or (N, 1)");
      }
      int n = Math.toIntExact(Long.parseLong(shape.group(1)));
      float[] values = new float[n];
      long dataStart = headerStart + headerLength;
      long dataLength = (long) n * Float.BYTES;
      if (channel.size() < dataStart + dataLength) {
        throw new IllegalArgumentException(file + ": " + channel.size() + " bytes do not hold shape (" + n + ",)");
      }
      // Mapped, not read: a heap read would go through a temporary direct buffer as large as the file.
      channel.map(FileChannel.MapMode.READ_ONLY, dataStart, dataLength).order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer().get(values);
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        throw new IOException("the file ends after " + (position + buffer.position()) + " bytes, inside the header");
      }
    }
    return buffer.flip();
  }

  private static String group(Pattern pattern, String header, Path file) {
    Matcher matcher = pattern.matcher(header);
    if (!matcher.find()) {
      throw new IllegalArgumentException(file + ": header " + header.trim() + " has no " + pattern.pattern());
    }
    return matcher.group(1);
  }
}
