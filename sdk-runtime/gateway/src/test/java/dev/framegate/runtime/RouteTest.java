package dev.framegate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framegate.engine.EngineSettings;
import dev.framegate.engine.PluginChain;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RouteTest {

  private static Route route(String path, boolean stripPath, String upstream) {
    return new Route("r", path, stripPath, URI.create(upstream), PluginChain.empty(), EngineSettings.DEFAULTS);
  }

  @Test
  void servesItsPathAndThePathsBelowItOnASegmentBoundary() {
    Route chat = route("/chat", true, "ws://up/");
    assertThat(chat.serves("/chat")).isTrue();
    assertThat(chat.serves("/chat/")).isTrue();
    assertThat(chat.serves("/chat/room/1")).isTrue();
    assertThat(chat.serves("/chatroom")).isFalse();
    assertThat(chat.serves("/")).isFalse();
    assertThat(route("/", true, "ws://up/").serves("/anything/at/all")).isTrue();
    assertThat(route("/chat/", true, "ws://up/").serves("/chat/x")).isTrue();
    assertThat(route("/chat/", true, "ws://up/").serves("/chat")).isFalse();
  }

  @Test
  void stripsTheRoutePathAndAppendsTheRestToTheUpstreamPath() {
    assertThat(route("/chat", true, "ws://up:9/").upstreamFor("/chat", null)).hasToString("ws://up:9/");
    assertThat(route("/chat", true, "ws://up:9").upstreamFor("/chat", null)).hasToString("ws://up:9/");
    assertThat(route("/chat", true, "ws://up:9").upstreamFor("/chat/a", null)).hasToString("ws://up:9/a");
    assertThat(route("/chat", true, "ws://up:9/").upstreamFor("/chat/a/b", null)).hasToString("ws://up:9/a/b");
    assertThat(route("/chat", true, "ws://up:9/ws").upstreamFor("/chat/a", null)).hasToString("ws://up:9/ws/a");
    assertThat(route("/chat", true, "ws://up:9/ws/").upstreamFor("/chat/a", null)).hasToString("ws://up:9/ws/a");
    assertThat(route("/chat/", true, "ws://up:9/ws").upstreamFor("/chat/a", null)).hasToString("ws://up:9/ws/a");
    assertThat(route("/", true, "wss://up/base").upstreamFor("/x/y", null)).hasToString("wss://up/base/x/y");
    assertThat(route("/", true, "ws://up/echo").upstreamFor("/", null)).hasToString("ws://up/echo");
    assertThat(route("/chat/", true, "ws://up/ws").upstreamFor("/chat/", null)).hasToString("ws://up/ws");
    assertThat(route("/chat", true, "ws://up/ws").upstreamFor("/chat/", null)).hasToString("ws://up/ws/");
  }

  @Test
  void keepsTheWholeRequestPathWhenNotStripping() {
    assertThat(route("/chat", false, "ws://up/").upstreamFor("/chat/a", null)).hasToString("ws://up/chat/a");
    assertThat(route("/chat", false, "ws://up/api").upstreamFor("/chat", null)).hasToString("ws://up/api/chat");
  }

  @Test
  void appendsTheClientQueryToTheUpstreamQuery() {
    assertThat(route("/c", true, "ws://up/").upstreamFor("/c", "a=1&b=%20")).hasToString("ws://up/?a=1&b=%20");
    assertThat(route("/c", true, "ws://up/?key=k").upstreamFor("/c", "a=1")).hasToString("ws://up/?key=k&a=1");
    assertThat(route("/c", true, "ws://up/?key=k").upstreamFor("/c", "")).hasToString("ws://up/?key=k");
    assertThat(route("/c", true, "ws://user@up:1/p%2Fq").upstreamFor("/c/r%20s", null))
        .hasToString("ws://user@up:1/p%2Fq/r%20s");
  }

  @Test
  void aPathThatIsNotAUriTargetIsRefused() {
    assertThatThrownBy(() -> route("/c", true, "ws://up/").upstreamFor("/c/a b", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> route("chat", true, "ws://up/"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts with /");
  }
}
