package dev.framegate.runtime.internal.tyrus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A hand-written upstream WebSocket server on 127.0.0.1: it answers the upgrade as a test says (101,
 * another status, or not at all), records what it receives and, in echo mode, echoes data frames,
 * answers pings and echoes close frames.
 */
public final class RawUpstream implements AutoCloseable {

  /**
   * ECHO and RECORD answer 101 (or {@link #status}); STALL answers 101 and then reads nothing;
   * SILENT never answers; HANG_UP closes the socket instead of answering.
   */
  public enum Mode { ECHO, RECORD, STALL, SILENT, HANG_UP }

  private final ServerSocket server;
  private final boolean tls;
  public volatile Mode mode = Mode.ECHO;
  public volatile int status = 101;
  public volatile String subprotocol;
  public final BlockingQueue<Wire.Head> requests = new LinkedBlockingQueue<>();
  public final BlockingQueue<Wire.RawFrame> frames = new LinkedBlockingQueue<>();
  public final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  public RawUpstream() throws IOException {
    this(null);
  }

  public RawUpstream(SSLContext context) throws IOException {
    this.tls = context != null;
    this.server = context == null
        ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        : context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "raw-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI uri(String path) {
    return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + server.getLocalPort() + path);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread handler = new Thread(() -> serve(socket), "raw-upstream-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      Wire.Head request = Wire.readHead(in);
      requests.add(request);
      if (mode == Mode.SILENT) {
        in.read();
        return;
      }
      if (mode == Mode.HANG_UP) {
        socket.close();
        return;
      }
      if (status != 101) {
        String body = "upstream says " + status;
        out.write(("HTTP/1.1 " + status + " Nope\r\nContent-Length: " + body.length()
            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        socket.close();
        return;
      }
      StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
          .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
          .append("Sec-WebSocket-Accept: ").append(Wire.acceptKey(request.header("sec-websocket-key"))).append("\r\n");
      if (subprotocol != null) {
        response.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
      }
      out.write(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Peer peer = new Peer(socket, in, out);
      peers.add(peer);
      if (mode == Mode.STALL) {
        return; // the socket stays open and unread until the test closes it
      }
      while (true) {
        Wire.RawFrame frame = Wire.readFrame(in);
        frames.add(frame);
        if (mode == Mode.ECHO) {
          switch (frame.opcode()) {
            case 1, 2 -> Wire.writeFrame(out, true, 0, frame.opcode(), frame.payload(), false);
            case 9 -> Wire.writeFrame(out, true, 0, 0xA, frame.payload(), false);
            case 8 -> {
              Wire.writeFrame(out, true, 0, 8, frame.payload(), false);
              socket.close();
              return;
            }
            default -> { }
          }
        }
      }
    } catch (IOException e) {
      // the gateway closed the connection
    }
  }

  public Wire.RawFrame nextFrame() throws InterruptedException {
    Wire.RawFrame frame = frames.poll(10, TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("the upstream received no frame within 10 s");
    }
    return frame;
  }

  public Wire.Head nextRequest() throws InterruptedException {
    Wire.Head head = requests.poll(10, TimeUnit.SECONDS);
    if (head == null) {
      throw new AssertionError("the upstream received no upgrade request within 10 s");
    }
    return head;
  }

  public Peer nextPeer() throws InterruptedException {
    Peer peer = peers.poll(10, TimeUnit.SECONDS);
    if (peer == null) {
      throw new AssertionError("no upstream connection within 10 s");
    }
    return peer;
  }

  /** Reads frames until a close frame arrives. */
  public Wire.RawFrame nextClose() throws InterruptedException {
    while (true) {
      Wire.RawFrame frame = nextFrame();
      if (frame.opcode() == 8) {
        return frame;
      }
    }
  }

  /** One upstream-side connection, for tests that write from the upstream. */
  public record Peer(Socket socket, InputStream in, OutputStream out) {
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
      Wire.writeFrame(out, fin, 0, opcode, payload, false);
    }

    public void abort() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
