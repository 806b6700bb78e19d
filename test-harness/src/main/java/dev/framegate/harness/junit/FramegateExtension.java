package dev.framegate.harness.junit;

import dev.framegate.api.FramePlugin;
import dev.framegate.harness.FrameHarness;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link FrameHarness}, or a {@link FrameHarness.Builder} to finish by hand, into test
 * methods (and constructors), with the plugins of the class's and the method's {@link WithPlugin}
 * annotations, and closes every harness after the test. Register it with {@link FramegateTest} or
 * {@code @ExtendWith(FramegateExtension.class)}.
 */
public final class FramegateExtension implements ParameterResolver, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FramegateExtension.class);

  /** Creates the extension; JUnit does this. */
  public FramegateExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FrameHarness.class || type == FrameHarness.Builder.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FrameHarness.Builder builder = FrameHarness.builder().onBuild(harness -> opened(context).add(harness));
    try {
      context.getTestClass().ifPresent(type -> addPlugins(builder, type));
      context.getTestMethod().ifPresent(method -> addPlugins(builder, method));
    } catch (RuntimeException e) {
      throw new ParameterResolutionException("cannot set up the harness: " + e.getMessage(), e);
    }
    return parameter.getParameter().getType() == FrameHarness.class ? builder.build() : builder;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<FrameHarness> harnesses = opened(context);
    for (FrameHarness harness : harnesses) {
      harness.close();
    }
    harnesses.clear();
  }

  @SuppressWarnings("unchecked")
  private static List<FrameHarness> opened(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent("harnesses", key -> new ArrayList<FrameHarness>(), List.class);
  }

  @SuppressWarnings("unchecked")
  private static void addPlugins(FrameHarness.Builder builder, AnnotatedElement element) {
    List<WithPlugin> annotations = new ArrayList<>(List.of(element.getAnnotationsByType(WithPlugin.class)));
    for (WithPlugin annotation : annotations) {
      builder.plugin((Class<? extends FramePlugin<?>>) (Class<?>) annotation.value(), tree(annotation), annotation.errorPolicy());
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> tree(WithPlugin annotation) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (String entry : annotation.config()) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("@WithPlugin(" + annotation.value().getSimpleName()
            + ") config entry '" + entry + "' must have the form key=value");
      }
      String[] path = entry.substring(0, eq).trim().split("\\.");
      Map<String, Object> node = root;
      for (int i = 0; i < path.length - 1; i++) {
        node = (Map<String, Object>) node.computeIfAbsent(path[i], key -> new LinkedHashMap<String, Object>());
      }
      String key = path[path.length - 1];
      String value = entry.substring(eq + 1).trim();
      if (key.endsWith("[]")) {
        node.put(key.substring(0, key.length() - 2), value.isEmpty() ? List.of() : List.of(value.split("\\s*,\\s*")));
      } else {
        node.put(key, value);
      }
    }
    return root;
  }
}
