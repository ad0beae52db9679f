package io.newsline.registry.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import io.newsline.registry.SchemaRegistryClient;
import io.newsline.registry.TestRecords;
import io.newsline.registry.client.RegistryClientConfig;
import io.newsline.registry.client.RestSchemaRegistryClient;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's own JavaScript client (@confluentinc/schemaregistry) against newsline's embedded
 * registry and Java serdes, both directions, with Basic auth. Needs registry/src/test/js/install.sh.
 */
class ConfluentJsInteropIT {
  private static final Path JS = Path.of("src", "test", "js").toAbsolutePath();

  @Test
  void confluentJavaScriptSerdesAndNewslineSerdesReadEachOther(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isDirectory(JS.resolve("node_modules/@confluentinc/schemaregistry")),
        "Confluent's JavaScript client is not installed: run registry/src/test/js/install.sh");
    Map<String, String> users = Map.of("interop", "pa55");
    try (EmbeddedSchemaRegistry registry =
        EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0, users)) {
      SchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
          RegistryClientConfig.URL, registry.url(), RegistryClientConfig.USER_INFO, "interop:pa55")));
      // JavaScript numbers hold 53 bits: keep the long small enough to compare exactly
      RawArticle sent = RawArticle.newBuilder(TestRecords.article("from-java")).setSimhash(987_654_321L).build();
      byte[] javaBytes = new AvroSerializer<>(RawArticle.class, client, false, true, false).serialize("java-topic", sent);
      Path schemaFile = Files.writeString(tmp.resolve("RawArticle.avsc"), RawArticle.getClassSchema().toString());

      JsonNode out = runNode(tmp.resolve("node-stderr.txt"), registry.url(), "interop:pa55", "java-topic", HexFormat.of().formatHex(javaBytes),
          "js-topic", schemaFile.toString());

      JsonNode decoded = out.get("decoded");
      assertThat(decoded.get("id").asText()).isEqualTo("from-java");
      assertThat(decoded.get("title").asText()).isEqualTo(sent.getTitle());
      assertThat(decoded.get("text").asText()).isEqualTo(sent.getText());
      assertThat(decoded.get("simhash").asLong()).isEqualTo(987_654_321L);
      assertThat(decoded.get("byline").isNull()).isTrue();
      // the same schema text gets the same global id, whichever client registers it
      assertThat(out.get("registeredId").asInt()).isEqualTo(WireFormat.schemaId(javaBytes));

      byte[] jsBytes = HexFormat.of().parseHex(out.get("jsBytes").asText());
      assertThat(WireFormat.schemaId(jsBytes)).isEqualTo(out.get("registeredId").asInt());
      RawArticle fromJs = new AvroDeserializer<>(RawArticle.class, client).deserialize("js-topic", jsBytes);
      assertThat(fromJs.getId()).isEqualTo("from-js");
      assertThat(fromJs.getTitle()).isEqualTo("Written by Confluent’s JavaScript serializer");
      assertThat(fromJs.getText()).isEqualTo("Line one.\nLine two.");
      assertThat(fromJs.getSource()).isNull();
      assertThat(fromJs.getIngestedAt()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_000L));
      assertThat(fromJs.getSimhash()).isEqualTo(123_456_789L);
    }
  }

  private static JsonNode runNode(Path stderr, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "interop.js"));
    command.addAll(List.of(args));
    // stderr goes to a file, so a chatty process cannot block on a full pipe while stdout is read
    Process node = new ProcessBuilder(command).directory(JS.toFile()).redirectError(stderr.toFile()).start();
    byte[] stdout = node.getInputStream().readAllBytes();
    if (!node.waitFor(60, TimeUnit.SECONDS)) {
      node.destroyForcibly();
      throw new AssertionError("node did not finish in 60 s");
    }
    assertThat(node.exitValue()).as("node failed:%n%s", Files.readString(stderr)).isZero();
    return Json.parse(new String(stdout, StandardCharsets.UTF_8));
  }
}
