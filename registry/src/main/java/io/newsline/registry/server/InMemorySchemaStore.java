package io.newsline.registry.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** Schemas kept in memory only: for tests and batch tools, and as the state behind {@link KafkaSchemaStore}. */
public final class InMemorySchemaStore implements SchemaStore {
  private final Map<String, TreeMap<Integer, StoredSchema>> bySubject = new TreeMap<>();
  private final Map<Integer, String> schemaById = new HashMap<>();
  private final Map<String, Integer> idBySchema = new HashMap<>();
  /** Subject levels by subject name; the global level under the null key. */
  private final Map<String, String> compatibility = new HashMap<>();
  private int maxId;

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(bySubject.keySet());
  }

  @Override
  public synchronized List<StoredSchema> versions(String subject) {
    TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  @Override
  public synchronized List<StoredSchema> versionsWithId(int id) {
    List<StoredSchema> found = new ArrayList<>();
    bySubject.values().forEach(vs -> vs.values().stream().filter(s -> s.id() == id).forEach(found::add));
    return found;
  }

  @Override
  public synchronized Optional<String> schemaById(int id) {
    return Optional.ofNullable(schemaById.get(id));
  }

  @Override
  public synchronized OptionalInt idOf(String schema) {
    Integer id = idBySchema.get(schema);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  @Override
  public synchronized int maxId() {
    return maxId;
  }

  @Override
  public synchronized Optional<String> compatibility(String subject) {
    return Optional.ofNullable(compatibility.get(subject));
  }

  @Override
  public synchronized void put(StoredSchema s) {
    bySubject.computeIfAbsent(s.subject(), k -> new TreeMap<>()).put(s.version(), s);
    schemaById.put(s.id(), s.schema());
    idBySchema.put(s.schema(), s.id());
    maxId = Math.max(maxId, s.id());
  }

  @Override
  public synchronized void remove(String subject, int version) {
    TreeMap<Integer, StoredSchema> versions = bySubject.get(subject);
    StoredSchema removed = versions == null ? null : versions.remove(version);
    if (removed == null) {
      return;
    }
    if (versions.isEmpty()) {
      bySubject.remove(subject);
    }
    if (versionsWithId(removed.id()).isEmpty()) {
      // no version uses the id any more; maxId stays, so the id is never handed out again
      schemaById.remove(removed.id());
      idBySchema.remove(removed.schema());
    }
  }

  @Override
  public synchronized void setCompatibility(String subject, String level) {
    compatibility.put(subject, level);
  }

  @Override
  public synchronized void removeCompatibility(String subject) {
    compatibility.remove(subject);
  }

  @Override
  public void close() {}
}
