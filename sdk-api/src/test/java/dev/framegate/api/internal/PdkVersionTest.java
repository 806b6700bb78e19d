package dev.framegate.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PdkVersionTest {

  @Test
  @DisplayName("descriptors record exactly major.minor; release versions give their major.minor")
  void parsing() {
    assertThat(PdkVersion.parse("1.0")).isEqualTo(new PdkVersion(1, 0));
    assertThat(PdkVersion.parse(" 2.13 ")).isEqualTo(new PdkVersion(2, 13));
    assertThatThrownBy(() -> PdkVersion.parse("1.0.0")).hasMessageContaining("expected major.minor");
    assertThatThrownBy(() -> PdkVersion.parse("1")).hasMessageContaining("'1' is not a PDK version");
    assertThatThrownBy(() -> PdkVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(PdkVersion.ofRelease("1.2.3")).isEqualTo(new PdkVersion(1, 2));
    assertThat(PdkVersion.ofRelease("1.2.0-SNAPSHOT")).isEqualTo(new PdkVersion(1, 2));
    assertThat(PdkVersion.ofRelease("1.2")).isEqualTo(new PdkVersion(1, 2));
    assertThatThrownBy(() -> PdkVersion.ofRelease("x1.2")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a runtime accepts plugins of its major version and a minor no greater than its own")
  void compatibility() {
    PdkVersion runtime = new PdkVersion(1, 2);
    assertThat(runtime.accepts(new PdkVersion(1, 0))).isTrue();
    assertThat(runtime.accepts(new PdkVersion(1, 2))).isTrue();
    assertThat(runtime.accepts(new PdkVersion(1, 3))).isFalse();
    assertThat(runtime.accepts(new PdkVersion(2, 0))).isFalse();
    assertThat(runtime.accepts(new PdkVersion(0, 2))).isFalse();
    assertThat(runtime).hasToString("1.2");
  }

  @Test
  @DisplayName("the PDK API records the version it implements")
  void current() {
    assertThat(PdkVersion.current().major()).isGreaterThanOrEqualTo(1);
  }
}
