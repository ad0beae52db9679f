package io.newsline.registry.server;

import io.newsline.registry.AvroCompatibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema can read data written with the
 * previous one; FORWARD: the previous schema can read data written with the new one; FULL: both.
 * The TRANSITIVE variants check against every live version instead of only the latest.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  public static Optional<CompatibilityLevel> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean isTransitive() {
    return transitive;
  }

  /**
   * Why the candidate may not follow the given versions (oldest first); empty when it may. Only the
   * last version counts unless the level is transitive.
   */
  public List<String> problems(Schema candidate, List<VersionedSchema> previous) {
    List<String> problems = new ArrayList<>();
    if (previous.isEmpty()) {
      return problems;
    }
    List<VersionedSchema> against = transitive ? previous : previous.subList(previous.size() - 1, previous.size());
    for (VersionedSchema old : against) {
      if (backward) {
        AvroCompatibility.problems(candidate, old.schema()).forEach(p -> problems.add(
            "the new schema cannot read data written with version " + old.version() + ": " + p));
      }
      if (forward) {
        AvroCompatibility.problems(old.schema(), candidate).forEach(p -> problems.add(
            "version " + old.version() + " cannot read data written with the new schema: " + p));
      }
    }
    return problems;
  }

  /** A parsed schema with its version number, for messages. */
  public record VersionedSchema(int version, Schema schema) {}
}
