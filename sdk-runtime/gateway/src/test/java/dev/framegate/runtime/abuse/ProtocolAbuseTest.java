package dev.framegate.runtime.abuse;

import static dev.framegate.runtime.abuse.AbuseRig.PLAIN;
import static dev.framegate.runtime.abuse.AbuseRig.PLUG;
import static dev.framegate.runtime.abuse.AbuseRig.bytes;
import static dev.framegate.runtime.abuse.AbuseRig.events;
import static dev.framegate.runtime.abuse.AbuseRig.textEvent;
import static dev.framegate.runtime.abuse.AbuseRig.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.framegate.runtime.abuse.AbuseRig.Outcome;
import dev.framegate.runtime.abuse.AbuseRig.Script;
import dev.framegate.runtime.internal.demo.EchoServer;
import dev.framegate.runtime.internal.tyrus.RawClient;
import dev.framegate.runtime.internal.tyrus.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own protocol-abuse suite: raw-socket cases grouped like Autobahn|Testsuite's, each
 * run on a plugin route and on a plain route of one running runtime. Each case asserts the RFC 6455
 * outcome on both routes and that the two agree; after each group, {@code /metrics} must show no
 * connection left open. docs/conformance.md lists the cases.
 */
@DisplayName("Protocol abuse suite")
class ProtocolAbuseTest {

  @TempDir static Path dir;

  static AbuseRig rig;

  @BeforeAll
  static void start() throws Exception {
    rig = new AbuseRig(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (rig != null) {
      rig.close();
    }
  }

  /** Runs a client against one route and reports what it saw. */
  @FunctionalInterface
  interface Probe {
    Outcome run(String route) throws Exception;
  }

  /** One case: a probe and the outcome RFC 6455 asks for. */
  record Case(String id, String title, Probe probe, Consumer<Outcome> expectation) {
    DynamicTest onBothRoutes() {
      return onRoutes(PLUG, PLAIN);
    }

    DynamicTest onRoutes(String pluginRoute, String plainRoute) {
      return dynamicTest(id + " " + title, () -> {
        Outcome plugin = probe.run(pluginRoute);
        Outcome plain = probe.run(plainRoute);
        assertThat(plugin).as("%s on the plugin route", id).satisfies(expectation);
        assertThat(plain).as("%s on the plain route", id).satisfies(expectation);
        assertThat(plugin).as("%s: the plugin route and the plain route agree", id).isEqualTo(plain);
      });
    }
  }

  static Case frames(String id, String title, Script script, String... expected) {
    return new Case(id, title, route -> rig.exchange(route, script),
        outcome -> assertThat(outcome).isEqualTo(new Outcome(101, events(expected), List.of())));
  }

  static Case refused(String id, String title, Probe probe, int status, String... details) {
    return new Case(id, title, probe, outcome -> {
      assertThat(outcome.status()).isEqualTo(status);
      assertThat(outcome.details()).contains(details);
    });
  }

  /** A script that sends one frame and then closes normally. */
  static Script thenClose(Script script) {
    return client -> {
      script.run(client);
      client.sendClose(1000, "");
    };
  }

  static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  // ------------------------------------------------------------------ groups

  @Nested
  @DisplayName("1 framing")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Framing {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      return Stream.of(
          frames("AB-FR.1", "text messages of 0, 125, 126, 127, 65535 and 65536 bytes are echoed whole",
              thenClose(client -> {
                for (int n : new int[] {0, 125, 126, 127, 65535, 65536}) {
                  client.sendText(repeat('*', n));
                }
              }),
              textEvent(""), textEvent(repeat('*', 125)), textEvent(repeat('*', 126)), textEvent(repeat('*', 127)),
              textEvent(repeat('*', 65535)), textEvent(repeat('*', 65536)), "close:1000", "eof"),
          frames("AB-FR.2", "binary messages of 0, 125, 126 and 65536 bytes are echoed whole",
              thenClose(client -> {
                for (int n : new int[] {0, 125, 126, 65536}) {
                  client.send(2, new byte[n]);
                }
              }),
              "binary:0", "binary:125", "binary:126", "binary:65536", "close:1000", "eof"),
          frames("AB-FR.3", "RSV1 without a negotiated extension closes the client with 1002",
              client -> client.send(true, 4, 1, utf8("rsv1")), "close:1002", "eof"),
          frames("AB-FR.4", "RSV2 and RSV3 close the client with 1002",
              client -> client.send(true, 3, 2, utf8("rsv23")), "close:1002", "eof"),
          frames("AB-FR.5", "a reserved data opcode (3) closes the client with 1002",
              client -> client.send(true, 0, 3, utf8("op3")), "close:1002", "eof"),
          frames("AB-FR.6", "a reserved control opcode (11) closes the client with 1002",
              client -> client.send(true, 0, 11, utf8("op11")), "close:1002", "eof"),
          frames("AB-FR.7", "an unmasked client frame closes the client with 1002",
              client -> Wire.writeFrame(client.output(), true, 0, 1, utf8("unmasked"), false), "close:1002", "eof"),
          frames("AB-FR.8", "a message after a valid one is still echoed in order",
              thenClose(client -> {
                client.sendText("first");
                client.send(2, utf8("second"));
                client.sendText("third");
              }),
              "text:first", "binary:6", "text:third", "close:1000", "eof"))
          .map(Case::onBothRoutes);
    }

    @Test
    @Order(99)
    @DisplayName("AB-FR /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  @Nested
  @DisplayName("2 ping and pong")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PingPong {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      return Stream.of(
          frames("AB-PP.1", "a ping with a payload is answered by a pong with the same payload",
              thenClose(client -> client.send(9, utf8("hello ping"))), "pong:hello ping", "close:1000", "eof"),
          frames("AB-PP.2", "an empty ping is answered by an empty pong",
              thenClose(client -> client.send(9, new byte[0])), "pong:", "close:1000", "eof"),
          frames("AB-PP.3", "a ping of 125 bytes is answered",
              thenClose(client -> client.send(9, utf8(repeat('p', 125)))), "pong:" + repeat('p', 125), "close:1000", "eof"),
          frames("AB-PP.4", "a ping of 126 bytes closes the client with 1002",
              client -> client.send(9, utf8(repeat('p', 126))), "close:1002", "eof"),
          frames("AB-PP.5", "an unsolicited pong is accepted and needs no answer",
              thenClose(client -> client.send(0xA, utf8("unasked"))), "close:1000", "eof"),
          frames("AB-PP.6", "a fragmented ping closes the client with 1002",
              client -> client.send(false, 0, 9, utf8("half")), "close:1002", "eof"),
          frames("AB-PP.7", "ten pings in a row get ten pongs in order",
              thenClose(client -> {
                for (int i = 0; i < 10; i++) {
                  client.send(9, utf8("p" + i));
                }
              }),
              "pong:p0", "pong:p1", "pong:p2", "pong:p3", "pong:p4", "pong:p5", "pong:p6", "pong:p7", "pong:p8",
              "pong:p9", "close:1000", "eof"))
          .map(Case::onBothRoutes);
    }

    @Test
    @Order(99)
    @DisplayName("AB-PP /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  @Nested
  @DisplayName("3 fragmentation")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Fragmentation {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      return Stream.of(
          frames("AB-FG.1", "a text message in two fragments is echoed as one message",
              thenClose(client -> {
                client.send(false, 0, 1, utf8("frag"));
                client.send(true, 0, 0, utf8("mented"));
              }),
              "text:fragmented", "close:1000", "eof"),
          frames("AB-FG.2", "a binary message in five fragments, some empty, is echoed as one message",
              thenClose(client -> {
                client.send(false, 0, 2, new byte[10]);
                client.send(false, 0, 0, new byte[0]);
                client.send(false, 0, 0, new byte[20]);
                client.send(false, 0, 0, new byte[0]);
                client.send(true, 0, 0, new byte[30]);
              }),
              "binary:60", "close:1000", "eof"),
          frames("AB-FG.3", "a ping between fragments is answered at once, before the message",
              thenClose(client -> {
                client.send(false, 0, 1, utf8("one "));
                client.send(9, utf8("between"));
                client.send(true, 0, 0, utf8("two"));
              }),
              "pong:between", "text:one two", "close:1000", "eof"),
          frames("AB-FG.4", "a continuation without a message closes the client with 1002",
              client -> client.send(true, 0, 0, utf8("orphan")), "close:1002", "eof"),
          frames("AB-FG.5", "a new text message inside a fragmented one closes the client with 1002",
              client -> {
                client.send(false, 0, 1, utf8("open"));
                client.send(true, 0, 1, utf8("again"));
              },
              "close:1002", "eof"),
          frames("AB-FG.6", "a fragmented message whose first fragment is a continuation closes with 1002",
              client -> {
                client.send(false, 0, 0, utf8("a"));
                client.send(true, 0, 0, utf8("b"));
              },
              "close:1002", "eof"),
          frames("AB-FG.7", "a message of one-byte fragments is echoed whole",
              thenClose(client -> {
                byte[] text = utf8("abcdefghij");
                for (int i = 0; i < text.length; i++) {
                  client.send(i == text.length - 1, 0, i == 0 ? 1 : 0, new byte[] {text[i]});
                }
              }),
              "text:abcdefghij", "close:1000", "eof"))
          .map(Case::onBothRoutes);
    }

    @Test
    @Order(99)
    @DisplayName("AB-FG /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  @Nested
  @DisplayName("4 UTF-8")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Utf8 {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      byte[] kosme = utf8("κόσμε");
      return Stream.of(
          frames("AB-U8.1", "valid multi-byte text (2, 3 and 4 byte sequences) is echoed",
              thenClose(client -> client.sendText("κόσμε ✓ 𝄞")), "text:κόσμε ✓ 𝄞", "close:1000", "eof"),
          frames("AB-U8.2", "valid text split inside a code point across fragments is echoed",
              thenClose(client -> {
                client.send(false, 0, 1, java.util.Arrays.copyOfRange(kosme, 0, 3));
                client.send(true, 0, 0, java.util.Arrays.copyOfRange(kosme, 3, kosme.length));
              }),
              "text:κόσμε", "close:1000", "eof"),
          frames("AB-U8.3", "an invalid byte (0xFF) closes the client with 1007",
              client -> client.send(1, bytes('a', 0xFF, 'b')), "close:1007", "eof"),
          frames("AB-U8.4", "an overlong encoding (C0 AF) closes the client with 1007",
              client -> client.send(1, bytes(0xC0, 0xAF)), "close:1007", "eof"),
          frames("AB-U8.5", "an encoded surrogate (ED A0 80) closes the client with 1007",
              client -> client.send(1, bytes(0xED, 0xA0, 0x80)), "close:1007", "eof"),
          frames("AB-U8.6", "a code point above U+10FFFF (F4 90 80 80) closes the client with 1007",
              client -> client.send(1, bytes(0xF4, 0x90, 0x80, 0x80)), "close:1007", "eof"),
          frames("AB-U8.7", "a truncated sequence at the end of a fragmented message closes the client with 1007",
              client -> {
                client.send(false, 0, 1, utf8("ok "));
                client.send(true, 0, 0, bytes(0xE2, 0x82));
              },
              "close:1007", "eof"),
          frames("AB-U8.8", "invalid UTF-8 in a close reason closes the client with 1007",
              client -> client.send(8, bytes(0x03, 0xE8, 0xFF, 0xFE)), "close:1007", "eof"),
          frames("AB-U8.9", "binary messages are not checked for UTF-8",
              thenClose(client -> client.send(2, bytes(0xFF, 0xC0, 0xED, 0xA0))), "binary:4", "close:1000", "eof"))
          .map(Case::onBothRoutes);
    }

    @Test
    @Order(99)
    @DisplayName("AB-U8 /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  @Nested
  @DisplayName("5 close codes")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class CloseCodes {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      List<Case> cases = new ArrayList<>();
      cases.add(frames("AB-CL.1", "a close 1000 with a reason completes the close handshake with 1000",
          client -> client.sendClose(1000, "bye"), "close:1000", "eof"));
      cases.add(frames("AB-CL.2", "a close without payload is answered with a close without code",
          client -> client.send(8, new byte[0]), "close:none", "eof"));
      cases.add(frames("AB-CL.3", "a close with a one-byte payload closes the client with 1002",
          client -> client.send(8, bytes(0x03)), "close:1002", "eof"));
      cases.add(frames("AB-CL.4", "frames after the client's close are ignored",
          client -> {
            client.sendClose(1000, "");
            client.sendText("too late");
          },
          "close:1000", "eof"));
      cases.add(frames("AB-CL.5", "a close of 123 bytes (the most a control frame holds) is answered",
          client -> client.sendClose(1000, repeat('r', 121)), "close:1000", "eof"));
      int i = 6;
      for (int code : new int[] {1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999}) {
        cases.add(frames("AB-CL." + i++, "the valid close code " + code + " is passed on and answered with " + code,
            client -> client.sendClose(code, ""), "close:" + code, "eof"));
      }
      for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
        cases.add(frames("AB-CL." + i++, "the close code " + code + ", not allowed on the wire, closes the client with 1002",
            client -> client.sendClose(code, ""), "close:1002", "eof"));
      }
      return cases.stream().map(Case::onBothRoutes);
    }

    @Test
    @Order(99)
    @DisplayName("AB-CL /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  @Nested
  @DisplayName("6 limits")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Limits {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      int max = AbuseRig.CLIENT_MAX_PAYLOAD;
      return Stream.of(
          frames("AB-LM.1", "a message of exactly the client limit is echoed",
              thenClose(client -> client.send(2, new byte[max])), "binary:" + max, "close:1000", "eof"),
          frames("AB-LM.2", "a message one byte over the client limit closes the client with 1009",
              client -> client.send(2, new byte[max + 1]), "close:1009", "eof"),
          frames("AB-LM.3", "fragments that together pass the limit close the client with 1009",
              client -> {
                client.send(false, 0, 2, new byte[max / 2]);
                client.send(false, 0, 0, new byte[max / 2]);
                client.send(true, 0, 0, new byte[1]);
              },
              "close:1009", "eof"),
          frames("AB-LM.4", "a text message over the limit closes the client with 1009",
              client -> client.send(1, new byte[max + 100]), "close:1009", "eof"),
          frames("AB-LM.5", "a close frame of 126 bytes closes the client with 1002",
              client -> client.sendClose(1000, repeat('r', 124)), "close:1002", "eof"))
          .map(Case::onBothRoutes);
    }

    @Test
    @Order(2)
    @DisplayName("AB-LM.6 a frame whose 64-bit length has the top bit set closes the client with 1002")
    void negativeLength() throws Throwable {
      frames("AB-LM.6", "a frame whose 64-bit length has the top bit set closes the client with 1002",
          client -> {
            OutputStream out = client.output();
            out.write(new byte[] {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4});
            out.flush();
          },
          "close:1002", "eof").onBothRoutes().getExecutable().execute();
    }

    @Test
    @Order(99)
    @DisplayName("AB-LM /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  @Nested
  @DisplayName("7 handshake")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Handshake {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      List<Case> cases = new ArrayList<>(List.of(
          refused("AB-HS.1", "Sec-WebSocket-Version 8 gets 426 with Sec-WebSocket-Version: 13 (RFC 6455 4.2.2)",
              route -> rig.rawRequest(rig.upgradeHead("HTTP/1.1", route) + "Sec-WebSocket-Version: 8\r\n\r\n"),
              426, "sec-websocket-version: 13"),
          refused("AB-HS.2", "an upgrade over HTTP/1.0 gets 400 (RFC 6455 4.1)",
              route -> rig.rawRequest(rig.upgradeHead("HTTP/1.0", route) + "Sec-WebSocket-Version: 13\r\n\r\n"),
              400, "body: Bad WebSocket upgrade request"),
          refused("AB-HS.3", "an upgrade without Sec-WebSocket-Key gets 400",
              route -> rig.rawRequest("GET " + route + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Version: 13\r\n\r\n"),
              400, "body: Bad WebSocket upgrade request"),
          refused("AB-HS.4", "a POST upgrade gets 400",
              route -> rig.rawRequest(rig.upgradeHead("HTTP/1.1", route).replaceFirst("GET", "POST")
                  + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n"),
              400, "body: Bad WebSocket upgrade request"),
          refused("AB-HS.5", "a Sec-WebSocket-Key that is not 16 bytes in base64 gets 400",
              route -> rig.rawRequest(rig.upgradeHead("HTTP/1.1", route).replace("dGhlIHNhbXBsZSBub25jZQ==", "c2hvcnQ=")
                  + "Sec-WebSocket-Version: 13\r\n\r\n"),
              400, "body: Bad WebSocket upgrade request"),
          refused("AB-HS.6", "an upgrade without Sec-WebSocket-Version gets 400",
              route -> rig.rawRequest(rig.upgradeHead("HTTP/1.1", route) + "\r\n"),
              400, "body: Bad WebSocket upgrade request")));
      // Finding 1: a route's plugins cannot be bypassed by spelling its path another way.
      int i = 7;
      for (String spelling : List.of("/nowhere/../%s/rec", "/nowhere/%%2e%%2e/%s/rec", "/nowhere/.%%2E/%s/rec",
          "/%s/./rec", "/%s//rec", "/%s/x/../rec")) {
        cases.add(new Case("AB-HS." + i++, "'" + spelling.replace("%%", "%").replace("%s", "<route>")
            + "' is served by <route> and the upstream gets <upstream path>/rec",
            route -> {
              Outcome outcome = rig.exchange(String.format(spelling, route.substring(1)), client -> client.sendClose(1000, ""));
              Wire.Head request = rig.upstream.nextRequest();
              return outcome.with("upstream path: " + AbuseRig.relativeUpstreamPath(request.startLine()));
            },
            outcome -> assertThat(outcome).isEqualTo(new Outcome(101, events("close:1000", "eof"),
                List.of("upstream path: /rec")))));
      }
      for (String spelling : List.of("/%s/../../etc/passwd", "/%s/..%%2Frec", "/%s%%2F..%%2Frec", "/%s/..%%5Crec",
          "/%s/..\\rec", "/%s;/../rec", "/%s/%%00")) {
        cases.add(refused("AB-HS." + i++, "'" + spelling.replace("%%", "%").replace("%s", "<route>")
            + "' gets 400 and reaches no upstream",
            route -> {
              Outcome outcome = rig.rawRequest(rig.upgradeHead("HTTP/1.1", String.format(spelling, route.substring(1)))
                  + "Sec-WebSocket-Version: 13\r\n\r\n");
              return outcome.with("upstream requests: " + rig.upstream.requests.size());
            },
            400, "body: Bad request path", "upstream requests: 0"));
      }
      return cases.stream().map(Case::onBothRoutes);
    }

    @Test
    @Order(2)
    @DisplayName("AB-HS.20 a client that sends no Origin reaches the upstream without one (finding 6)")
    void noOriginInvented() throws Throwable {
      new Case("AB-HS.20", "no Origin is invented", route -> {
        Outcome outcome = rig.exchange(route, client -> client.sendClose(1000, ""));
        Wire.Head request = rig.upstream.nextRequest();
        return outcome.with("origin: " + request.header("origin"));
      }, outcome -> assertThat(outcome).isEqualTo(new Outcome(101, events("close:1000", "eof"), List.of("origin: null"))))
          .onBothRoutes().getExecutable().execute();
    }

    @Test
    @Order(3)
    @DisplayName("AB-HS.21 the client's own Origin reaches the upstream unchanged")
    void clientOriginPassesUnchanged() throws Throwable {
      new Case("AB-HS.21", "the client's Origin is kept", route -> {
        Outcome outcome = rig.exchange(route, client -> client.sendClose(1000, ""), "Origin: https://app.example");
        Wire.Head request = rig.upstream.nextRequest();
        return outcome.with("origin: " + request.header("origin"));
      }, outcome -> assertThat(outcome).isEqualTo(
          new Outcome(101, events("close:1000", "eof"), List.of("origin: https://app.example"))))
          .onBothRoutes().getExecutable().execute();
    }

    @Test
    @Order(4)
    @DisplayName("AB-HS.22 a frame sent in the same TCP write as the upgrade is echoed or refused with 1002, never dropped (finding 8)")
    void frameInTheUpgradeWrite() throws Throwable {
      new Case("AB-HS.22", "a frame right behind the upgrade", route -> {
        rig.upstream.requests.clear();
        try (Socket socket = new Socket("127.0.0.1", rig.gateway.port())) {
          socket.setSoTimeout(10_000);
          java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
          both.write((rig.upgradeHead("HTTP/1.1", route) + "Sec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
          Wire.writeFrame(both, true, 0, 1, utf8("early"), true);
          Wire.writeFrame(both, true, 0, 8, Wire.closePayload(1000, ""), true);
          socket.getOutputStream().write(both.toByteArray());
          socket.getOutputStream().flush();
          Wire.Head response = Wire.readHead(socket.getInputStream());
          List<String> seen = new ArrayList<>();
          try {
            while (true) {
              Wire.RawFrame frame = Wire.readFrame(socket.getInputStream());
              seen.add(frame.opcode() == 8 ? "close:" + frame.closeCode() : textEvent(frame.text()));
              if (frame.opcode() == 8) {
                break;
              }
            }
          } catch (IOException end) {
            seen.add("eof");
          }
          return new Outcome(response.status(), seen, List.of());
        }
      }, outcome -> assertThat(outcome.events()).isIn(events("text:early", "close:1000"), events("close:1002")))
          .onBothRoutes().getExecutable().execute();
    }

    @Test
    @Order(99)
    @DisplayName("AB-HS /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  @Nested
  @DisplayName("8 resources")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Resources {
    @TestFactory
    @Order(1)
    Stream<DynamicTest> cases() {
      return Stream.of(
          new Case("AB-RS.1", "a client that vanishes in the middle of a fragmented message leaves nothing open",
              route -> {
                RawClient client = RawClient.connect(rig.gateway.port()).upgrade(route);
                client.send(false, 0, 1, utf8("never finished"));
                client.abort();
                return new Outcome(client.response.status(), events("aborted"), List.of());
              },
              outcome -> assertThat(outcome).isEqualTo(new Outcome(101, events("aborted"), List.of())))
              .onBothRoutes(),
          new Case("AB-RS.2", "half an upgrade request and then silence is disconnected at the handshake timeout",
              route -> {
                try (Socket socket = new Socket("127.0.0.1", rig.gateway.port())) {
                  socket.setSoTimeout(10_000);
                  long start = System.nanoTime();
                  socket.getOutputStream().write(("GET " + route + " HTTP/1.1\r\nHost: x\r\nUpgra")
                      .getBytes(StandardCharsets.ISO_8859_1));
                  int read = socket.getInputStream().read();
                  long millis = (System.nanoTime() - start) / 1_000_000;
                  return new Outcome(0, events(read < 0 ? "eof" : "answered"), List.of(
                      millis >= 500 && millis < 5_000 ? "after the handshake timeout" : "after " + millis + " ms"));
                }
              },
              outcome -> assertThat(outcome).isEqualTo(new Outcome(0, events("eof"), List.of("after the handshake timeout"))))
              .onBothRoutes(),
          new Case("AB-RS.3", "twenty connections opened and closed one after another leave nothing open",
              route -> {
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                  seen.addAll(rig.exchange(route, client -> client.sendClose(1000, "")).events());
                }
                return new Outcome(101, List.copyOf(new java.util.LinkedHashSet<>(seen)), List.of("" + seen.size()));
              },
              outcome -> assertThat(outcome).isEqualTo(new Outcome(101, events("close:1000", "eof"), List.of("40"))))
              .onBothRoutes(),
          new Case("AB-RS.4", "a client that writes through builtin:echo and never reads cannot grow the echo's queue"
              + " without bound (finding 7)",
              ProtocolAbuseTest::neverReadingWriter,
              outcome -> assertThat(outcome).isEqualTo(new Outcome(101, events("writer blocked"),
                  List.of("echo queue within its bound"))))
              .onRoutes(AbuseRig.ECHO_PLUG, AbuseRig.ECHO_PLAIN));
    }

    @Test
    @Order(99)
    @DisplayName("AB-RS /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }

  /** Writes 32 KiB messages and reads nothing until the writes block; watches the echo's queue. */
  static Outcome neverReadingWriter(String route) throws Exception {
    RawClient client = RawClient.connect(rig.gateway.port()).upgrade(route);
    try {
      if (client.response.status() != 101) {
        return Outcome.refused(client.response);
      }
      byte[] message = new byte[32 * 1024];
      long limit = 96L << 20;
      AtomicLong written = new AtomicLong();
      Thread writer = new Thread(() -> {
        try {
          while (written.get() < limit) {
            client.send(2, message);
            written.addAndGet(message.length);
          }
        } catch (IOException closed) {
          // ends the blocked write at the end of the case
        }
      }, "abuse-never-reading-writer");
      writer.setDaemon(true);
      writer.start();
      long maxQueued = 0;
      long last = -1;
      long stillSince = System.nanoTime();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && writer.isAlive()) {
        maxQueued = Math.max(maxQueued, rig.echo.pendingBytes());
        long now = written.get();
        if (now != last) {
          last = now;
          stillSince = System.nanoTime();
        } else if (System.nanoTime() - stillSince > Duration.ofMillis(700).toNanos()) {
          break;
        }
        Thread.sleep(10);
      }
      maxQueued = Math.max(maxQueued, rig.echo.pendingBytes());
      String state = writer.isAlive() && written.get() < limit ? "writer blocked" : "wrote " + written.get() + " bytes";
      // the bound decides when reading stops; the read that crossed it is still echoed
      String queue = maxQueued <= EchoServer.MAX_QUEUED_BYTES + (256 << 10)
          ? "echo queue within its bound" : "echo queued " + maxQueued + " bytes";
      return new Outcome(101, events(state), List.of(queue));
    } finally {
      client.abort();
    }
  }

  @Nested
  @DisplayName("9 admin endpoint")
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class Admin {
    @Test
    @Order(1)
    @DisplayName("AB-AD.1 clients stalled in a /metrics request head do not delay /health/live by more than 100 ms (finding 4)")
    void stalledClientsDoNotDelayHealth() throws Exception {
      assertThat(rig.adminGet("/health/live", "127.0.0.1").status()).as("warm-up").isEqualTo(200);
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket socket = new Socket("127.0.0.1", rig.admin.port());
          stalled.add(socket);
          socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
              .getBytes(StandardCharsets.ISO_8859_1));
          socket.getOutputStream().flush();
        }
        Thread.sleep(100);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          long start = System.nanoTime();
          assertThat(rig.adminGet("/health/live", "127.0.0.1").status()).isEqualTo(200);
          millis.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(millis);
        assertThat(millis.get(millis.size() / 2)).as("median ms of %s", millis).isLessThanOrEqualTo(100);
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }

    @Test
    @Order(2)
    @DisplayName("AB-AD.2 a request for another Host gets 421, whatever the path (finding 5, DNS rebinding)")
    void foreignHost() throws Exception {
      for (String path : List.of("/metrics", "/plugins", "/connections", "/health/live")) {
        assertThat(rig.adminGet(path, "rebind.example:" + rig.admin.port()).status()).as(path).isEqualTo(421);
      }
      assertThat(rig.adminGet("/metrics", "localhost:" + rig.admin.port()).status()).isEqualTo(200);
    }

    @Test
    @Order(3)
    @DisplayName("AB-AD.3 /plugins names JARs relative to the plugin directory, without absolute paths (finding 5)")
    void pluginsWithoutAbsolutePaths() throws Exception {
      Wire.Head plugins = rig.adminGet("/plugins", "127.0.0.1");
      assertThat(plugins.status()).isEqualTo(200);
      assertThat(plugins.body()).contains("\"jar\" : \"plain-plugin.jar\"")
          .doesNotContain(rig.pluginDirectory.toString()).doesNotContain(dir.toString());
    }

    @Test
    @Order(4)
    @DisplayName("AB-AD.4 /health/ready answers 200 while the runtime accepts connections")
    void ready() throws Exception {
      assertThat(rig.adminGet("/health/ready", "127.0.0.1").status()).isEqualTo(200);
      assertThat(rig.adminGet("/health", "127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    @Order(99)
    @DisplayName("AB-AD /metrics shows no connection left open after the group")
    void noConnectionLeftOpen() throws Exception {
      rig.assertNoConnectionLeftOpen();
    }
  }
}
