package dev.framegate.runtime.conformance;

import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;

/**
 * The upstream server of a {@link SocketGateway} on 127.0.0.1, ws or wss: the gateway reaches it at {@code
 * /u/<connection id>}, and it answers each upgrade as that connection's scenario scripted it (101
 * with or without a subprotocol, another status, or silence), then hands the socket to the
 * connection's upstream side.
 */
final class ScriptedUpstream implements AutoCloseable {

  private static final String PREFIX = "/u/";

  private final ServerSocket server;
  private final String scheme;
  private final IntFunction<SocketConnection> connections;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  ScriptedUpstream(IntFunction<SocketConnection> connections, SSLContext tls) throws IOException {
    this.connections = connections;
    this.scheme = tls == null ? "ws" : "wss";
    this.server = tls == null
        ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
        : tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "conformance-upstream-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Where the gateway reaches the upstream of a connection. */
  URI uri(int connectionId) {
    return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + PREFIX + connectionId);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        sockets.add(socket);
        Thread handler = new Thread(() -> serve(socket), "conformance-upstream");
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
      Wire.MultiHead request = Wire.readMultiHead(in);
      SocketConnection connection = connectionOf(request.startLine());
      if (connection == null) {
        respond(out, "HTTP/1.1 404 Not Found", "no such connection");
        socket.close();
        return;
      }
      connection.upstreamRequested(request, socket);
      switch (connection.answer().kind()) {
        case ACCEPT -> {
          String statusLine = "HTTP/1.1 101 Switching Protocols";
          StringBuilder response = new StringBuilder(statusLine).append("\r\n")
              .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
              .append("Sec-WebSocket-Accept: ").append(Wire.acceptKey(first(request, "sec-websocket-key"))).append("\r\n");
          connection.answer().subprotocol().ifPresent(p -> response.append("Sec-WebSocket-Protocol: ").append(p).append("\r\n"));
          // The side is attached before the 101 leaves, so that frames right behind it are read.
          connection.upstreamOpened(socket, in, statusLine + connection.answer().subprotocol().map(p -> " " + p).orElse(""));
          out.write(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        }
        case REJECT -> {
          int status = connection.answer().status();
          String statusLine = "HTTP/1.1 " + status + " Scripted";
          connection.upstreamAnswered(statusLine);
          respond(out, statusLine, "upstream says " + status);
          socket.close();
        }
        case SILENT -> connection.upstreamAnswered("(no answer)");
        case UNREACHABLE -> socket.close();
      }
    } catch (IOException e) {
      // the gateway gave up on the connection
    }
  }

  private static String first(Wire.MultiHead head, String name) {
    List<String> values = head.headers().getOrDefault(name, List.of());
    return values.isEmpty() ? "" : values.get(0);
  }

  private SocketConnection connectionOf(String startLine) {
    String[] parts = startLine.split(" ");
    if (parts.length < 2 || !parts[1].startsWith(PREFIX)) {
      return null;
    }
    // the runtime appends the client's query string to the upstream URL
    String target = parts[1];
    int query = target.indexOf('?');
    String id = target.substring(PREFIX.length(), query < 0 ? target.length() : query);
    try {
      return connections.apply(Integer.parseInt(id));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void respond(OutputStream out, String statusLine, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write((statusLine + "\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      SocketEndpoint.abort(socket);
    }
  }
}
