package dev.framegate.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloseCodesTest {

  @ParameterizedTest
  @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1014, 3000, 4999})
  void codesRfc6455AllowsOnTheWire(int code) {
    assertThat(CloseCodes.isSendable(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, -1})
  void codesRfc6455ForbidsOnTheWire(int code) {
    assertThat(CloseCodes.isSendable(code)).isFalse();
  }
}
