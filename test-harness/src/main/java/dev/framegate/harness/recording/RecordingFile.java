package dev.framegate.harness.recording;

import dev.framegate.harness.internal.RecordingCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A recording being written to a JSON Lines file as it happens: the header first, then one line per
 * event. At its byte cap it writes a {@link RecordedEvent.Truncated} line and nothing more, so a
 * connection cannot fill a disk. Not thread-safe: a {@link Recorder} hands it one event at a time.
 */
public final class RecordingFile implements Consumer<RecordedEvent>, AutoCloseable {

  private final Path path;
  private final long maxBytes;
  private final BufferedWriter writer;
  private long written;
  private boolean truncated;
  private boolean closed;

  /**
   * Creates the file (replacing one of the same name) and writes the header.
   *
   * @param path the file
   * @param header the recording's header
   * @param maxBytes the most bytes the file may hold; a header larger than this is still written
   * @throws UncheckedIOException when the file cannot be created
   */
  public RecordingFile(Path path, Recording.Header header, long maxBytes) {
    this.path = path;
    this.maxBytes = maxBytes;
    try {
      this.writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      line(RecordingCodec.writeHeader(header));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write recording " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * The bytes written so far.
   *
   * @return the count
   */
  public long bytesWritten() {
    return written;
  }

  /**
   * Whether the byte cap cut the recording short.
   *
   * @return {@code true} once truncated
   */
  public boolean truncated() {
    return truncated;
  }

  @Override
  public void accept(RecordedEvent event) {
    if (truncated || closed) {
      return;
    }
    String line = RecordingCodec.writeEvent(event);
    long size = line.getBytes(StandardCharsets.UTF_8).length + 1L;
    try {
      if (written + size > maxBytes) {
        truncated = true;
        line(RecordingCodec.writeEvent(new RecordedEvent.Truncated(event.time(),
            "the recording reached its cap of " + maxBytes + " bytes")));
        writer.flush();
        return;
      }
      line(line);
    } catch (IOException e) {
      truncated = true; // a full disk or a deleted directory ends the recording, not the connection
    }
  }

  private void line(String line) throws IOException {
    writer.write(line);
    writer.write('\n');
    written += line.getBytes(StandardCharsets.UTF_8).length + 1L;
  }

  /** Flushes and closes the file; closing twice does nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close recording " + path + ": " + e.getMessage(), e);
    }
  }
}
