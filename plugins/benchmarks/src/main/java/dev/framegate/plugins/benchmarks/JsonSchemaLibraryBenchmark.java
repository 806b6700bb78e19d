package dev.framegate.plugins.benchmarks;

import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The validator library's own cost for the same message and schema as {@link PluginFrameBenchmark}:
 * parse the UTF-8 bytes with Jackson, validate with networknt json-schema-validator. The json-schema
 * plugin's cost per frame should be this figure and no more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonSchemaLibraryBenchmark {

  /** The message size, as in {@link PluginFrameBenchmark}. */
  @Param({"small", "large"})
  public String message;

  private final JsonMapper json = JsonMapper.builder().build();
  private Schema schema;
  private byte[] payload;

  /** Compiles the schema and prepares the message once per trial. */
  @Setup
  public void setUp() {
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Messages.SCHEMA);
    payload = Messages.json(message).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parse and validate.
   *
   * @return the verdict
   */
  @Benchmark
  public Boolean parseAndValidate() {
    JsonNode node = json.readTree(payload);
    return schema.validate(node, OutputFormat.BOOLEAN);
  }
}
