package io.newsline.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Plain JSON view of Avro records for people and tools: field names as in the schema, nullable
 * unions as value-or-null (not Avro's {"string": ...} wrapping), timestamps as ISO-8601.
 */
public final class AvroJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private AvroJson() {}

  public static ObjectNode of(IndexedRecord record) {
    ObjectNode o = F.objectNode();
    for (Schema.Field f : record.getSchema().getFields()) {
      o.set(f.name(), value(record.get(f.pos())));
    }
    return o;
  }

  private static JsonNode value(Object v) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof IndexedRecord r) {
      return of(r);
    }
    if (v instanceof Instant t) {
      return F.textNode(t.toString());
    }
    if (v instanceof CharSequence s) {
      return F.textNode(s.toString());
    }
    if (v instanceof Integer i) {
      return F.numberNode(i);
    }
    if (v instanceof Long l) {
      return F.numberNode(l);
    }
    if (v instanceof Double d) {
      return F.numberNode(d);
    }
    if (v instanceof Float fl) {
      return F.numberNode(fl);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    if (v instanceof ByteBuffer b) {
      ByteBuffer d = b.duplicate();
      byte[] bytes = new byte[d.remaining()];
      d.get(bytes);
      return F.textNode(Base64.getEncoder().encodeToString(bytes));
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = F.arrayNode();
      c.forEach(x -> a.add(value(x)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      m.forEach((k, x) -> o.set(String.valueOf(k), value(x)));
      return o;
    }
    if (v instanceof GenericContainer g) {
      return F.textNode(g.toString());
    }
    return F.textNode(v.toString());
  }
}
