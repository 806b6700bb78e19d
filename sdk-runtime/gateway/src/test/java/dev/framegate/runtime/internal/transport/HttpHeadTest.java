package dev.framegate.runtime.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTest {

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void aHeadSplitAtEveryByteIsCollectedAndTheBytesAfterItAreLeft() throws Exception {
    String head = "GET /chat?x=1 HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nX-Two: 1\r\nx-two: 2\r\n\r\n";
    byte[] all = (head + "FRAME").getBytes(StandardCharsets.ISO_8859_1);
    HttpHead.Reader reader = new HttpHead.Reader(8192);
    byte[] complete = null;
    int at = 0;
    while (complete == null) {
      ByteBuffer one = ByteBuffer.wrap(all, at, 1);
      complete = reader.read(one);
      at++;
    }
    assertThat(new String(complete, StandardCharsets.ISO_8859_1)).isEqualTo(head);
    assertThat(at).isEqualTo(head.length());
    HttpHead parsed = HttpHead.request(complete);
    assertThat(parsed.startLine()).containsExactly("GET", "/chat?x=1", "HTTP/1.1");
    assertThat(parsed.values("x-two")).containsExactly("1", "2");
    assertThat(parsed.hasToken("upgrade", "WebSocket")).isTrue();
    assertThat(parsed.first("HOST")).isEqualTo("a");
  }

  @Test
  void theRestOfTheReadStaysInTheBuffer() throws Exception {
    ByteBuffer data = bytes("GET / HTTP/1.1\nHost: a\n\nrest");
    byte[] head = new HttpHead.Reader(8192).read(data);
    assertThat(head).isNotNull();
    assertThat(data.remaining()).isEqualTo(4);
  }

  @Test
  void aHeadOverTheLimitIsRefused() {
    HttpHead.Reader reader = new HttpHead.Reader(64);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 10; i++) {
        reader.read(bytes("X-Long: aaaaaaaaaa\r\n"));
      }
    }).isInstanceOf(HttpHead.Reader.TooLargeException.class);
  }

  @Test
  void malformedHeadsAreRefusedWithAReason() {
    assertThatThrownBy(() -> HttpHead.request("GET /\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(HttpHead.MalformedHeadException.class);
    assertThatThrownBy(() -> HttpHead.request("GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("folded");
    assertThatThrownBy(() -> HttpHead.request("GET / HTTP/1.1\r\nBad Name: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("token");
    assertThatThrownBy(() -> HttpHead.request("GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .hasMessageContaining("control character");
    assertThatThrownBy(() -> HttpHead.response("HTTP/1.1 1O1 Switching\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
        .isInstanceOf(HttpHead.MalformedHeadException.class);
  }

  @Test
  void responses() throws Exception {
    HttpHead response = HttpHead.response("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: x\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThat(response.status()).isEqualTo(101);
    assertThat(HttpHead.response("HTTP/1.1 403\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)).status()).isEqualTo(403);
  }

  @Test
  void theAcceptKeyOfRfc6455() {
    assertThat(HttpResponses.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
}
