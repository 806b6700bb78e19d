package dev.framegate.maven.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.framegate.api.internal.PluginNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;

/**
 * Generates the sources of a new plugin: the plugin class with the chosen phases stubbed, its
 * configuration record, and a harness test.
 */
public final class Scaffolder {

  /** The phases a scaffolded plugin can stub, named as on the command line. */
  public enum StubPhase {
    /** {@code onHandshake}. */
    HANDSHAKE("onHandshake"),
    /** {@code onClientFrame}. */
    CLIENT("onClientFrame"),
    /** {@code onUpstreamFrame}. */
    UPSTREAM("onUpstreamFrame"),
    /** {@code onClose}. */
    CLOSE("onClose");

    private final String method;

    StubPhase(String method) {
      this.method = method;
    }

    /**
     * The name used in {@code -Dphases}.
     *
     * @return the lower-case name
     */
    public String optionName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What to generate.
   *
   * @param pluginName the plugin name, such as {@code rate-limit}
   * @param packageName the Java package
   * @param phases the phases to stub
   * @param priority the plugin priority
   */
  public record Request(String pluginName, String packageName, Set<StubPhase> phases, int priority) {

    /**
     * Checks the request.
     *
     * @throws IllegalArgumentException naming the bad value and the rule
     */
    public Request {
      if (!PluginNames.isValid(pluginName)) {
        throw new IllegalArgumentException("plugin name '" + pluginName + "' is not well-formed: use " + PluginNames.RULE
            + " (for example -Dname=rate-limit)");
      }
      if (packageName == null || !SourceVersion.isName(packageName)) {
        throw new IllegalArgumentException("package '" + packageName + "' is not a valid Java package name (for example -Dpackage=com.example.ws)");
      }
      phases = phases.isEmpty() ? EnumSet.noneOf(StubPhase.class) : EnumSet.copyOf(phases);
    }
  }

  /**
   * A generated source file.
   *
   * @param test whether it belongs to the test sources
   * @param relativePath its path below its source root
   * @param content its content
   */
  public record Source(boolean test, Path relativePath, String content) {}

  /** The indentation of generated sources: the archetype's and the project's style. */
  private static final String INDENT = "  ";
  private static final String API = "dev.framegate.api";
  private static final ClassName FRAME_PLUGIN = ClassName.get(API, "FramePlugin");
  private static final ClassName FRAMEGATE_PLUGIN = ClassName.get(API, "FramegatePlugin");
  private static final ClassName WS_CONTEXT = ClassName.get(API, "WsContext");
  private static final ClassName DEFAULT_VALUE = ClassName.get(API + ".config", "DefaultValue");
  private static final String HARNESS = "dev.framegate.harness";
  private static final ClassName FRAME_HARNESS = ClassName.get(HARNESS, "FrameHarness");
  private static final ClassName HARNESS_CONNECTION = ClassName.get(HARNESS, "HarnessConnection");
  private static final ClassName FRAMEGATE_TEST = ClassName.get(HARNESS + ".junit", "FramegateTest");
  private static final ClassName WITH_PLUGIN = ClassName.get(HARNESS + ".junit", "WithPlugin");
  private static final ClassName TEST = ClassName.get("org.junit.jupiter.api", "Test");
  private static final ClassName DISPLAY_NAME = ClassName.get("org.junit.jupiter.api", "DisplayName");

  private Scaffolder() {}

  /**
   * Parses a {@code -Dphases} value.
   *
   * @param text comma-separated phase names
   * @return the phases
   * @throws IllegalArgumentException naming an unknown phase and the known ones
   */
  public static Set<StubPhase> parsePhases(String text) {
    Set<StubPhase> phases = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      StubPhase phase = null;
      for (StubPhase candidate : StubPhase.values()) {
        if (candidate.optionName().equals(name)) {
          phase = candidate;
        }
      }
      if (phase == null) {
        throw new IllegalArgumentException("unknown phase '" + part.trim() + "' in -Dphases: use any of handshake, client, upstream, close");
      }
      phases.add(phase);
    }
    return phases;
  }

  /**
   * The class name for a plugin name: {@code rate-limit} gives {@code RateLimitPlugin}.
   *
   * @param pluginName the plugin name
   * @return the simple class name
   */
  public static String className(String pluginName) {
    return PluginNames.className(pluginName);
  }

  /**
   * Generates the plugin class, its configuration record and its test.
   *
   * @param request what to generate
   * @return the three sources: plugin, configuration, test
   */
  public static List<Source> generate(Request request) {
    String pluginClass = className(request.pluginName());
    String base = pluginClass.substring(0, pluginClass.length() - "Plugin".length());
    ClassName plugin = ClassName.get(request.packageName(), pluginClass);
    ClassName config = ClassName.get(request.packageName(), base + "Config");
    List<Source> sources = new ArrayList<>();
    sources.add(source(false, request.packageName(), pluginClass(request, plugin, config)));
    sources.add(source(false, request.packageName(), configRecord(request, config)));
    sources.add(source(true, request.packageName(), test(request, plugin)));
    return sources;
  }

  private static Source source(boolean test, String packageName, TypeSpec type) {
    JavaFile file = JavaFile.builder(packageName, type).indent(INDENT).skipJavaLangImports(true).build();
    Path path = Path.of(packageName.replace('.', '/'), type.name() + ".java");
    return new Source(test, path, file.toString());
  }

  private static TypeSpec configRecord(Request request, ClassName config) {
    return TypeSpec.recordBuilder(config)
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("The configuration of the {@code $L} plugin: one component per configuration key.\n", request.pluginName())
        .addJavadoc("\n<p>Supported types: String, boolean, int, long, double, enums, Duration, List, Set,\n")
        .addJavadoc("Map<String, V>, Optional and nested records; {@code @DefaultValue} gives a default.\n")
        .addJavadoc("\n@param logFrames whether the plugin logs each message it sees\n")
        .recordConstructor(MethodSpec.constructorBuilder()
            .addParameter(ParameterSpec.builder(boolean.class, "logFrames")
                .addAnnotation(AnnotationSpec.builder(DEFAULT_VALUE).addMember("value", "$S", "false").build())
                .build())
            .build())
        .build();
  }

  private static TypeSpec pluginClass(Request request, ClassName plugin, ClassName config) {
    TypeSpec.Builder type = TypeSpec.classBuilder(plugin)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(FRAME_PLUGIN, config))
        .addAnnotation(AnnotationSpec.builder(FRAMEGATE_PLUGIN)
            .addMember("name", "$S", request.pluginName())
            .addMember("priority", "$L", request.priority())
            .addMember("config", "$T.class", config)
            .build())
        .addJavadoc("The {@code $L} WebSocket frame plugin.\n", request.pluginName())
        .addJavadoc("\n<p>One instance serves every connection of a route: keep per-connection data in\n")
        .addJavadoc("{@code ws.pluginState()}, not in fields.\n")
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PUBLIC)
            .addJavadoc("Creates the plugin; the runtime does this once per configured route.\n")
            .build());
    for (StubPhase phase : request.phases()) {
      MethodSpec.Builder method = MethodSpec.methodBuilder(phase.method)
          .addAnnotation(Override.class)
          .addModifiers(Modifier.PUBLIC)
          .addParameter(WS_CONTEXT, "ws")
          .addParameter(config, "config");
      switch (phase) {
        case HANDSHAKE -> method
            .addComment("Inspect ws.request(), reject with ws.response().reject(status, body), or set limits.")
            .beginControlFlow("if (config.logFrames())")
            .addStatement("ws.log().info($S, ws.request().path())", "handshake for {}")
            .endControlFlow();
        case CLIENT -> method
            .addComment("Read, rewrite (setFrameData), drop (dropFrame) or close on the client's message.")
            .beginControlFlow("if (config.logFrames())")
            .addStatement("ws.log().info($S, ws.client().getFrame().type(), ws.client().getFrame().length())",
                "client sent {} of {} bytes")
            .endControlFlow();
        case UPSTREAM -> method
            .addComment("Read, rewrite (setFrameData), drop (dropFrame) or close on the upstream's message.")
            .beginControlFlow("if (config.logFrames())")
            .addStatement("ws.log().info($S, ws.upstream().getFrame().type(), ws.upstream().getFrame().length())",
                "upstream sent {} of {} bytes")
            .endControlFlow();
        case CLOSE -> method
            .addComment("The connection has ended; ws.closeInfo() tells how.")
            .beginControlFlow("if (config.logFrames())")
            .addStatement("ws.log().info($S, ws.closeInfo().cause())", "connection closed: {}")
            .endControlFlow();
      }
      type.addMethod(method.build());
    }
    return type.build();
  }

  private static TypeSpec test(Request request, ClassName plugin) {
    return TypeSpec.classBuilder(plugin.simpleName() + "Test")
        .addAnnotation(FRAMEGATE_TEST)
        .addAnnotation(AnnotationSpec.builder(WITH_PLUGIN).addMember("value", "$T.class", plugin).build())
        .addJavadoc("Runs the {@code $L} plugin in the Framegate test harness: the real engine, no sockets.\n",
            request.pluginName())
        .addMethod(MethodSpec.methodBuilder("forwardsMessagesInBothDirections")
            .addAnnotation(TEST)
            .addAnnotation(AnnotationSpec.builder(DISPLAY_NAME).addMember("value", "$S",
                "messages pass through in both directions").build())
            .addParameter(FRAME_HARNESS, "harness")
            .addStatement("$T ws = harness.connect($S)", HARNESS_CONNECTION, "/")
            .addStatement("ws.client().sendText($S)", "hello")
            .addStatement("ws.upstream().expectText($S)", "hello")
            .addStatement("ws.upstream().sendText($S)", "welcome")
            .addStatement("ws.client().expectText($S)", "welcome")
            .build())
        .build();
  }
}
