package dev.framegate.runtime.internal.tyrus;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Hand-written RFC 6455 frames and HTTP/1.1 heads for the raw test peers. */
public final class Wire {

  private Wire() {}

  /** One frame as read from the wire. */
  public record RawFrame(boolean fin, int rsv, int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    public int closeCode() {
      return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }

    public String closeReason() {
      return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    }

    @Override
    public String toString() {
      return "frame(op=" + opcode + ", fin=" + fin + ", " + payload.length + " bytes"
          + (opcode == 8 ? ", code " + closeCode() : "") + ")";
    }
  }

  /** An HTTP head (request or response) with lower-case header names and an optional body. */
  public record Head(String startLine, Map<String, String> headers, String body) {
    public int status() {
      return Integer.parseInt(startLine.split(" ")[1]);
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  public static void writeFrame(OutputStream out, boolean fin, int rsv, int opcode, byte[] payload, boolean mask)
      throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    int maskBit = mask ? 0x80 : 0;
    if (payload.length <= 125) {
      frame.write(maskBit | payload.length);
    } else if (payload.length <= 0xFFFF) {
      frame.write(maskBit | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    } else {
      frame.write(maskBit | 127);
      frame.write(ByteBuffer.allocate(8).putLong(payload.length).array());
    }
    if (mask) {
      byte[] key = new byte[4];
      ThreadLocalRandom.current().nextBytes(key);
      frame.write(key);
      byte[] masked = new byte[payload.length];
      for (int i = 0; i < payload.length; i++) {
        masked[i] = (byte) (payload[i] ^ key[i & 3]);
      }
      frame.write(masked);
    } else {
      frame.write(payload);
    }
    synchronized (out) {
      out.write(frame.toByteArray());
      out.flush();
    }
  }

  public static RawFrame readFrame(InputStream in) throws IOException {
    int b0 = readByte(in);
    int b1 = readByte(in);
    long length = b1 & 0x7F;
    if (length == 126) {
      length = (readByte(in) << 8) | readByte(in);
    } else if (length == 127) {
      length = ByteBuffer.wrap(readFully(in, 8)).getLong();
    }
    byte[] key = (b1 & 0x80) != 0 ? readFully(in, 4) : null;
    byte[] payload = readFully(in, (int) length);
    if (key != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= key[i & 3];
      }
    }
    return new RawFrame((b0 & 0x80) != 0, (b0 >> 4) & 7, b0 & 0x0F, payload);
  }

  public static byte[] closePayload(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
  }

  public static Head readHead(InputStream in) throws IOException {
    MultiHead head = readMultiHead(in);
    Map<String, String> headers = new LinkedHashMap<>();
    head.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    return new Head(head.startLine(), headers, head.body());
  }

  /**
   * An HTTP head with every header value kept apart (a repeated header gives several values), lower-case
   * names in arrival order, and the body announced by {@code Content-Length}.
   */
  public record MultiHead(String startLine, Map<String, java.util.List<String>> headers, String body) {
    public int status() {
      return Integer.parseInt(startLine.split(" ")[1]);
    }
  }

  /** Reads an HTTP head like {@link #readHead}, keeping repeated headers as separate values. */
  public static MultiHead readMultiHead(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    String start = null;
    Map<String, java.util.List<String>> headers = new LinkedHashMap<>();
    while (true) {
      int c = readByte(in);
      if (c == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).trim();
        line.reset();
        if (text.isEmpty()) {
          break;
        }
        if (start == null) {
          start = text;
        } else {
          int colon = text.indexOf(':');
          headers.computeIfAbsent(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), n -> new java.util.ArrayList<>())
              .add(text.substring(colon + 1).trim());
        }
      } else {
        line.write(c);
      }
    }
    String body = "";
    java.util.List<String> length = headers.get("content-length");
    if (length != null && Integer.parseInt(length.get(0)) > 0) {
      body = new String(readFully(in, Integer.parseInt(length.get(0))), StandardCharsets.UTF_8);
    }
    return new MultiHead(start, headers, body);
  }

  public static String acceptKey(String key) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1")
          .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed");
    }
    return b;
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] data = in.readNBytes(n);
    if (data.length != n) {
      throw new EOFException("connection closed after " + data.length + " of " + n + " bytes");
    }
    return data;
  }
}
