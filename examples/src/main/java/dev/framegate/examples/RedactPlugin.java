package dev.framegate.examples;

import dev.framegate.api.Frame;
import dev.framegate.api.FramePlugin;
import dev.framegate.api.FrameType;
import dev.framegate.api.FramegatePlugin;
import dev.framegate.api.Peer;
import dev.framegate.api.WsContext;
import dev.framegate.api.config.DefaultValue;
import dev.framegate.api.config.Required;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces words in text messages of both directions, and optionally drops messages that
 * contained one.
 *
 * <pre>{@code
 * plugins:
 *   - name: redact
 *     config: { words: [secret, password], replacement: "***", drop: false }
 * }</pre>
 */
@FramegatePlugin(name = "redact", priority = 200, config = RedactPlugin.Config.class)
public final class RedactPlugin implements FramePlugin<RedactPlugin.Config> {

  /**
   * The plugin's configuration.
   *
   * @param words the words to redact, matched case-insensitively as whole words; at least one
   * @param replacement what replaces each word
   * @param drop drop a message that contained a word instead of forwarding it redacted
   */
  public record Config(
      @Required List<String> words, @DefaultValue("***") String replacement, @DefaultValue("false") boolean drop) {

    /** Checks the words and compiles nothing yet: the pattern is built once per plugin entry. */
    public Config {
      if (words.isEmpty()) {
        throw new IllegalArgumentException("words must name at least one word");
      }
      words = List.copyOf(words);
    }

    Pattern pattern() {
      StringBuilder alternatives = new StringBuilder();
      for (String word : words) {
        alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(word));
      }
      return Pattern.compile("\\b(?:" + alternatives + ")\\b", Pattern.CASE_INSENSITIVE);
    }
  }

  private final Map<Config, Pattern> patterns = new ConcurrentHashMap<>();

  /** Creates the plugin. */
  public RedactPlugin() {}

  @Override
  public void onClientFrame(WsContext ws, Config config) {
    redact(ws.client(), config);
  }

  @Override
  public void onUpstreamFrame(WsContext ws, Config config) {
    redact(ws.upstream(), config);
  }

  private void redact(Peer peer, Config config) {
    Frame frame = peer.getFrame();
    if (frame.type() != FrameType.TEXT) {
      return;
    }
    Matcher matcher = patterns.computeIfAbsent(config, Config::pattern).matcher(frame.text());
    if (!matcher.find()) {
      return;
    }
    if (config.drop()) {
      peer.dropFrame();
    } else {
      peer.setFrameData(matcher.replaceAll(Matcher.quoteReplacement(config.replacement())));
    }
  }
}
