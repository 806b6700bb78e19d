package dev.framegate.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PluginNamesTest {

  @Test
  @DisplayName("the name rule: lower-case letters, digits and dashes, a letter first, at most 64 characters")
  void rule() {
    assertThat(PluginNames.isValid("rate-limit")).isTrue();
    assertThat(PluginNames.isValid("a")).isTrue();
    assertThat(PluginNames.isValid("a2-b3")).isTrue();
    assertThat(PluginNames.isValid("a".repeat(64))).isTrue();
    assertThat(PluginNames.isValid("a".repeat(65))).isFalse();
    assertThat(PluginNames.isValid("Rate-limit")).isFalse();
    assertThat(PluginNames.isValid("rate_limit")).isFalse();
    assertThat(PluginNames.isValid("2fa")).isFalse();
    assertThat(PluginNames.isValid("")).isFalse();
    assertThat(PluginNames.isValid(null)).isFalse();
  }

  @Test
  @DisplayName("names from class names and class names from names")
  void conversions() {
    assertThat(PluginNames.suggest("RateLimitPlugin")).isEqualTo("rate-limit");
    assertThat(PluginNames.suggest("JSONGuard")).isEqualTo("jsonguard");
    assertThat(PluginNames.suggest("Plugin")).isEqualTo("plugin");
    assertThat(PluginNames.suggest("_1")).isEqualTo("my-plugin");
    assertThat(PluginNames.suggest("A".repeat(100))).hasSize(64);
    assertThat(PluginNames.className("rate-limit")).isEqualTo("RateLimitPlugin");
    assertThat(PluginNames.className("a2")).isEqualTo("A2Plugin");
  }
}
