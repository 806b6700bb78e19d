package dev.framegate.runtime.internal.tyrus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/** A WebSocket client on a plain socket: it writes whatever frames a test asks for, masked. */
public final class RawClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  public Wire.Head response;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  public static RawClient connect(int port) throws IOException {
    return new RawClient(new Socket("127.0.0.1", port));
  }

  public static RawClient connectTls(int port, SSLContext tls) throws IOException {
    return new RawClient(tls.getSocketFactory().createSocket("127.0.0.1", port));
  }

  /** Sends a valid upgrade request with extra header lines and reads the response head. */
  public RawClient upgrade(String path, String... extraHeaderLines) throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(socket.getPort()).append("\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
        .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
        .append("Sec-WebSocket-Version: 13\r\n");
    for (String line : extraHeaderLines) {
      request.append(line).append("\r\n");
    }
    return rawRequest(request.append("\r\n").toString());
  }

  public RawClient rawRequest(String request) throws IOException {
    out.write(request.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    response = Wire.readHead(in);
    return this;
  }

  public void send(int opcode, byte[] payload) throws IOException {
    Wire.writeFrame(out, true, 0, opcode, payload, true);
  }

  public void send(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
    Wire.writeFrame(out, fin, rsv, opcode, payload, true);
  }

  public void sendText(String text) throws IOException {
    send(1, text.getBytes(StandardCharsets.UTF_8));
  }

  public void sendClose(int code, String reason) throws IOException {
    send(8, Wire.closePayload(code, reason));
  }

  public Wire.RawFrame read() throws IOException {
    return Wire.readFrame(in);
  }

  /** Reads frames until a close frame arrives. */
  public Wire.RawFrame readUntilClose() throws IOException {
    while (true) {
      Wire.RawFrame frame = read();
      if (frame.opcode() == 8) {
        return frame;
      }
    }
  }

  /** Whether the gateway closed the TCP connection (end of stream) within the socket timeout. */
  public boolean closedByPeer() {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (IOException e) {
      return e instanceof java.net.SocketException;
    }
  }

  /** The raw output stream, for tests that write their own bytes. */
  public OutputStream output() {
    return out;
  }

  public void abort() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
