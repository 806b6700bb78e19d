package dev.framegate.harness.junit;

import dev.framegate.harness.recording.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Provides one invocation per recording file of {@link ReplayRecordings}, with the recording as a parameter. */
public final class RecordingsExtension implements TestTemplateInvocationContextProvider {

  /** Creates the extension; JUnit does this. */
  public RecordingsExtension() {}

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, ReplayRecordings.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    ReplayRecordings annotation = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), ReplayRecordings.class)
        .orElseThrow();
    Path folder = Path.of(annotation.value());
    if (!Files.isDirectory(folder)) {
      throw new ExtensionConfigurationException("@ReplayRecordings: folder " + folder.toAbsolutePath()
          + " does not exist (the path is relative to " + Path.of("").toAbsolutePath() + ")");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, annotation.glob())) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("@ReplayRecordings: cannot list " + folder + ": " + e.getMessage(), e);
    }
    files.removeIf(file -> !Files.isRegularFile(file));
    if (files.isEmpty()) {
      throw new ExtensionConfigurationException("@ReplayRecordings: no file matching " + annotation.glob() + " in "
          + folder.toAbsolutePath());
    }
    files.sort(null);
    return files.stream().map(Invocation::new);
  }

  /** One recording file. */
  private record Invocation(Path file) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return file.getFileName().toString();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new ParameterResolver() {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
          return parameter.getParameter().getType() == Recording.class
              || parameter.getParameter().getType() == Path.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
          return parameter.getParameter().getType() == Path.class ? file : Recording.read(file);
        }
      });
    }
  }
}
