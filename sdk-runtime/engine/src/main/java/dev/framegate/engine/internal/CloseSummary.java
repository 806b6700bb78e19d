package dev.framegate.engine.internal;

import dev.framegate.api.CloseCause;
import dev.framegate.api.CloseInfo;
import java.util.OptionalInt;

/** How a connection ended, as the close phase and the observer see it. */
record CloseSummary(CloseCause cause, OptionalInt clientStatus, OptionalInt upstreamStatus, String detail)
    implements CloseInfo {

  static OptionalInt code(int status) {
    return status == FrameView.NO_STATUS ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
