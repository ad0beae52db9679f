package io.newsline.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.avro.DeadLetter;
import io.newsline.avro.RawArticle;
import io.newsline.common.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** Sample records and schema surgery for the registry tests. */
public final class TestRecords {
  private TestRecords() {}

  public static RawArticle article(String id) {
    return RawArticle.newBuilder()
        .setId(id)
        .setSourceType("feed")
        .setSource("https://example.org/feed.xml")
        .setUrl("https://example.org/news/" + id)
        .setTitle("Flood waters rise in the valley — ünïcödé")
        .setText("First paragraph.\nSecond paragraph.")
        .setLanguage("en")
        .setPublishedAt(Instant.ofEpochMilli(1_767_225_600_000L))
        .setIngestedAt(Instant.ofEpochMilli(1_767_225_660_000L))
        .setContentHash("ab".repeat(32))
        .setSimhash(0x0123_4567_89ab_cdefL)
        .build();
  }

  public static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setStage("enrich")
        .setErrorClass("org.apache.kafka.common.errors.SerializationException")
        .setErrorMessage("bad bytes")
        .setSourceTopic("newsline.articles.raw")
        .setSourcePartition(3)
        .setSourceOffset(42L)
        .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .setFailedAt(Instant.ofEpochMilli(1_767_225_600_000L))
        .build();
  }

  /** A copy of the schema changed by {@code edit} on its JSON form. */
  public static Schema edited(Schema schema, Consumer<ObjectNode> edit) {
    ObjectNode json = (ObjectNode) Json.parse(schema.toString());
    edit.accept(json);
    return new Schema.Parser().parse(json.toString());
  }

  /** The schema without the named top-level field. */
  public static Schema withoutField(Schema schema, String field) {
    return edited(schema, json -> {
      ArrayNode fields = (ArrayNode) json.get("fields");
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).path("name").asText().equals(field)) {
          fields.remove(i);
          return;
        }
      }
      throw new IllegalArgumentException("no field " + field);
    });
  }

  /** The schema with an extra top-level field of the given JSON type, with or without a default. */
  public static Schema withField(Schema schema, String field, String type, Object defaultValue) {
    return edited(schema, json -> {
      ObjectNode f = ((ArrayNode) json.get("fields")).addObject();
      f.put("name", field);
      f.put("type", type);
      if (defaultValue != null) {
        f.putPOJO("default", defaultValue);
      }
    });
  }

  /** Confluent wire-format bytes of a generic record, as another producer with that schema would write. */
  public static byte[] wireBytes(int schemaId, GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {0, (byte) (schemaId >>> 24), (byte) (schemaId >>> 16), (byte) (schemaId >>> 8), (byte) schemaId});
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema(), GenericData.get()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
