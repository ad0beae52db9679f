package io.newsline.registry.serde;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro (1.12.1+) refuses to load record classes by name unless they are trusted, so
 * SpecificDatumReader cannot build generated records out of the box. The deserializer trusts
 * exactly the classes named in its own reader schema: the application chose them, and the writer
 * schema from the wire cannot add any. This is added to Avro's global validator once, on top of
 * whatever it trusted before (system properties org.apache.avro.SERIALIZABLE_*).
 */
final class TrustedClasses {
  private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();
  private static boolean installed;

  private TrustedClasses() {}

  /** Trusts the classes of every record, enum and fixed type in the reader schema. */
  static synchronized void trustReaderSchema(Schema reader) {
    collect(reader, new HashSet<>());
    if (!installed) {
      ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
      ClassSecurityValidator.setGlobal(c -> TRUSTED.contains(c.getName()) || previous.isTrusted(c));
      installed = true;
    }
  }

  private static void collect(Schema schema, Set<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.add(schema.getFullName())) {
          TRUSTED.add(SpecificData.getClassName(schema));
          schema.getFields().forEach(f -> collect(f.schema(), seen));
        }
      }
      case ENUM, FIXED -> TRUSTED.add(SpecificData.getClassName(schema));
      case UNION -> schema.getTypes().forEach(t -> collect(t, seen));
      case ARRAY -> collect(schema.getElementType(), seen);
      case MAP -> collect(schema.getValueType(), seen);
      default -> {
        // primitive types load no classes
      }
    }
  }
}
