package dev.framegate.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {

  enum Mode {
    ALLOW,
    DENY_ALL
  }

  record Limits(@DefaultValue("1024") int maxSize, Duration window) {}

  record Full(
      @Required String name,
      @DefaultValue("3") int retries,
      long big,
      boolean enabled,
      Double ratio,
      Mode mode,
      @ConfigName("deny_list") List<String> denyList,
      Set<Integer> ports,
      Map<String, Integer> weights,
      Optional<String> note,
      Limits limits,
      List<Limits> tiers) {}

  record Checked(int percent) {
    Checked {
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("percent must be between 0 and 100");
      }
    }
  }

  @Test
  void bindsEverySupportedType() {
    Map<String, Object> tree =
        Map.ofEntries(
            Map.entry("name", "edge"),
            Map.entry("big", 5_000_000_000L),
            Map.entry("enabled", "true"),
            Map.entry("ratio", 0.5),
            Map.entry("mode", "deny-all"),
            Map.entry("deny_list", List.of("a", "b")),
            Map.entry("ports", List.of(80, "443")),
            Map.entry("weights", Map.of("x", 1)),
            Map.entry("note", "hi"),
            Map.entry("limits", Map.of("window", "5s")),
            Map.entry("tiers", List.of(Map.of("maxSize", 1, "window", 250))));

    Full full = ConfigBinder.bind(tree, Full.class);

    assertThat(full.name()).isEqualTo("edge");
    assertThat(full.retries()).isEqualTo(3);
    assertThat(full.big()).isEqualTo(5_000_000_000L);
    assertThat(full.enabled()).isTrue();
    assertThat(full.ratio()).isEqualTo(0.5);
    assertThat(full.mode()).isEqualTo(Mode.DENY_ALL);
    assertThat(full.denyList()).containsExactly("a", "b");
    assertThat(full.ports()).containsExactlyInAnyOrder(80, 443);
    assertThat(full.weights()).containsEntry("x", 1);
    assertThat(full.note()).contains("hi");
    assertThat(full.limits()).isEqualTo(new Limits(1024, Duration.ofSeconds(5)));
    assertThat(full.tiers()).containsExactly(new Limits(1, Duration.ofMillis(250)));
  }

  @Test
  void absentOptionalFieldsGetEmptyValues() {
    Full full = ConfigBinder.bind(Map.of("name", "n", "big", 1, "enabled", false), Full.class);

    assertThat(full.denyList()).isEmpty();
    assertThat(full.weights()).isEmpty();
    assertThat(full.note()).isEmpty();
    assertThat(full.ratio()).isNull();
    assertThat(full.limits()).isNull();
  }

  @Test
  void missingRequiredFieldIsNamed() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("big", 1, "enabled", true), Full.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage("field 'name': is required (String)")
        .extracting(e -> ((ConfigException) e).field())
        .isEqualTo("name");
  }

  @Test
  void missingPrimitiveWithoutDefaultIsRequired() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("name", "n", "enabled", true), Full.class))
        .hasMessage("field 'big': is required (long)");
  }

  @Test
  void wrongTypeNamesTheNestedFieldAndTheExpectedType() {
    Map<String, Object> tree =
        Map.of("name", "n", "big", 1, "enabled", true, "tiers", List.of(Map.of("maxSize", "ten")));

    assertThatThrownBy(() -> ConfigBinder.bind(tree, Full.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage("field 'tiers[0].maxSize': expected an integer, got \"ten\"");
  }

  @Test
  void unknownKeyIsAnError() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("maxsize", 3), Limits.class))
        .hasMessageContaining("field 'maxsize': unknown field")
        .hasMessageContaining("[maxSize, window]");
  }

  @Test
  void enumValueListsTheChoices() {
    Map<String, Object> tree = Map.of("name", "n", "big", 1, "enabled", true, "mode", "maybe");

    assertThatThrownBy(() -> ConfigBinder.bind(tree, Full.class))
        .hasMessage("field 'mode': expected one of [allow, deny-all], got \"maybe\"");
  }

  @Test
  void badDurationIsExplained() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("window", "soon"), Limits.class))
        .hasMessageStartingWith("field 'window': expected a duration");
  }

  @Test
  void integerOutOfRangeIsRejected() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("maxSize", 1L << 40), Limits.class))
        .hasMessageContaining("field 'maxSize': expected an integer between");
  }

  @Test
  void recordValidationIsReportedAgainstTheRecord() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("percent", 120), Checked.class))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Checked rejected the values: percent must be between 0 and 100");
  }

  @Test
  void nullTreeBindsDefaults() {
    assertThat(ConfigBinder.bind(null, Limits.class)).isEqualTo(new Limits(1024, null));
  }

  @Test
  void nonRecordTypesAreRefused() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of(), String.class))
        .hasMessageContaining("is not a record");
  }

  record Unsupported(String name, java.net.URI target, Map<Integer, String> byNumber, List<Inner> inner, List raw) {}

  record Inner(float ratio) {}

  record BadDefault(@Required String name, @DefaultValue("lots") int limit) {}

  record BadNestedDefault(Limits limits, Nested nested) {}

  record Nested(@DefaultValue("soon") Duration delay) {}

  record RejectsDefaults(@DefaultValue("5") int percent) {
    RejectsDefaults {
      if (percent < 10) {
        throw new IllegalArgumentException("percent must be at least 10");
      }
    }
  }

  @Test
  void unsupportedFieldsAreListedWithTheirPaths() {
    assertThat(ConfigBinder.unsupportedFields(Unsupported.class)).containsExactly(
        "field `target` has type java.net.URI, which configuration binding does not support (use String, boolean, int,"
            + " long, double, an enum, Duration, List, Set, Map<String, V>, Optional or a nested record)",
        "field `byNumber` is a map with java.lang.Integer keys; map keys must be String",
        "field `inner[].ratio` has type float, which configuration binding does not support (use String, boolean, int,"
            + " long, double, an enum, Duration, List, Set, Map<String, V>, Optional or a nested record)",
        "field `raw` has the raw type List: give its type arguments");
    assertThat(ConfigBinder.unsupportedFields(Full.class)).isEmpty();
    assertThat(ConfigBinder.unsupportedFields(String.class)).singleElement().asString().contains("is not a record");
  }

  @Test
  void bindRefusesATypeWithAnUnsupportedFieldEvenWhenTheFieldIsNotSet() {
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("name", "x"), Unsupported.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Unsupported cannot be bound: field `target` has type java.net.URI");
  }

  @Test
  void checkDefaultsReportsADefaultThatDoesNotBindDespiteAnEarlierRequiredField() {
    assertThatThrownBy(() -> ConfigBinder.checkDefaults(BadDefault.class))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("field 'limit': expected an integer");
    assertThatThrownBy(() -> ConfigBinder.checkDefaults(BadNestedDefault.class))
        .hasMessageStartingWith("field 'nested.delay': expected a duration");
    assertThatThrownBy(() -> ConfigBinder.checkDefaults(RejectsDefaults.class))
        .hasMessage("RejectsDefaults rejected the values: percent must be at least 10");
  }

  @Test
  void checkDefaultsAcceptsARequiredFieldWithoutDefault() {
    ConfigBinder.checkDefaults(Full.class);
    ConfigBinder.checkDefaults(Limits.class);
  }

  @Test
  void durationsFollowTheOneGrammarDaysIncluded() {
    assertThat(ConfigBinder.bind(Map.of("window", "1d"), Limits.class).window()).isEqualTo(Duration.ofDays(1));
    assertThat(ConfigBinder.bind(Map.of("window", 250), Limits.class).window()).isEqualTo(Duration.ofMillis(250));
    assertThatThrownBy(() -> ConfigBinder.bind(Map.of("window", "1w"), Limits.class))
        .hasMessage("field 'window': expected a duration such as \"250ms\", \"5s\", \"2m\", \"1h\", \"1d\" or a number of milliseconds, got \"1w\"");
  }
}
