package dev.framegate.runtime.internal.tyrus;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.tyrus.spi.Writer;

/**
 * The Grizzly connection behind a Tyrus writer (client-facing and upstream sides use the same
 * writer class). Tyrus does not expose it; it is read reflectively, once per connection, never per
 * frame. It lets the runtime pause an upstream's reads and cut off a peer whose writes are stuck.
 */
final class GrizzlyConnections {

  private static final Logger LOG = Logger.getLogger(GrizzlyConnections.class.getName());
  private static final Field WRITER_CONNECTION = writerConnectionField();

  private GrizzlyConnections() {}

  /**
   * The Grizzly connection of a Tyrus writer.
   *
   * @return the connection, or {@code null} when this Tyrus version's internals differ
   */
  static Connection<?> of(Writer writer) {
    if (WRITER_CONNECTION == null || !WRITER_CONNECTION.getDeclaringClass().isInstance(writer)) {
      return null;
    }
    try {
      return (Connection<?>) WRITER_CONNECTION.get(writer);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.FINE, "no Grizzly connection behind " + writer, e);
      return null;
    }
  }

  private static Field writerConnectionField() {
    try {
      Field field = Class.forName("org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter")
          .getDeclaredField("connection");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Tyrus's Grizzly writer has no connection field: upstream reads cannot be"
          + " paused and stuck peers are closed only gracefully", e);
      return null;
    }
  }
}
