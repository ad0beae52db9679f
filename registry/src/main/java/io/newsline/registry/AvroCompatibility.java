package io.newsline.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Avro reader/writer compatibility with readable reasons, shared by the serdes and the registry server. */
public final class AvroCompatibility {
  private AvroCompatibility() {}

  /** Why a reader with schema {@code reader} cannot read data written with {@code writer}; empty when it can. */
  public static List<String> problems(Schema reader, Schema writer) {
    return describe(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer));
  }

  /** The incompatibilities of a checked pair, one line each; empty when compatible. */
  public static List<String> describe(SchemaPairCompatibility result) {
    List<String> lines = new ArrayList<>();
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return lines;
    }
    for (Incompatibility i : result.getResult().getIncompatibilities()) {
      lines.add(i.getType() + " at " + i.getLocation() + ": " + explain(i));
    }
    if (lines.isEmpty()) {
      lines.add(result.getDescription());
    }
    return lines;
  }

  private static String explain(Incompatibility i) {
    return switch (i.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> "field '" + i.getMessage()
          + "' is missing from the writer's schema and has no default value in the reader's";
      default -> i.getMessage();
    };
  }
}
