package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.EventRepository;
import io.newsline.aggregate.cluster.EventState;
import io.newsline.aggregate.cluster.EventStateCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Active events and their members in Kafka Streams key-value stores backed by changelog topics.
 * Events: event id -> {@link EventStateCodec} bytes. Members, in one store: {@code a|<article id>}
 * -> event id (which event an article is in) and {@code m|<event id>|<article id>} -> the member
 * (scanned by prefix for merges and retirement). An article costs one write of each, whatever the
 * size of its event.
 */
final class StoreEventRepository implements EventRepository {
  private static final StringSerializer KEYS = new StringSerializer();
  private final KeyValueStore<String, byte[]> events;
  private final KeyValueStore<String, byte[]> members;

  StoreEventRepository(KeyValueStore<String, byte[]> events, KeyValueStore<String, byte[]> members) {
    this.events = events;
    this.members = members;
  }

  @Override
  public EventState get(String eventId) {
    byte[] b = events.get(eventId);
    return b == null ? null : EventStateCodec.decode(b);
  }

  @Override
  public void put(EventState event) {
    events.put(event.id, EventStateCodec.encode(event));
  }

  @Override
  public void remove(String eventId) {
    events.delete(eventId);
  }

  @Override
  public Iterable<EventState> all() {
    List<EventState> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = events.all()) {
      while (it.hasNext()) {
        out.add(EventStateCodec.decode(it.next().value));
      }
    }
    return out;
  }

  @Override
  public String eventOf(String articleId) {
    byte[] b = members.get("a|" + articleId);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public void addMember(String eventId, Member member) {
    String before = eventOf(member.articleId());
    if (before != null && !before.equals(eventId)) {
      members.delete("m|" + before + "|" + member.articleId());
    }
    members.put("a|" + member.articleId(), eventId.getBytes(StandardCharsets.UTF_8));
    members.put("m|" + eventId + "|" + member.articleId(), EventStateCodec.encode(member));
  }

  @Override
  public List<Member> members(String eventId) {
    List<Member> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = members.prefixScan("m|" + eventId + "|", KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> kv = it.next();
        out.add(EventStateCodec.decodeMember(kv.value));
      }
    }
    return out;
  }

  @Override
  public void removeMember(String eventId, String articleId) {
    byte[] current = members.get("a|" + articleId);
    if (current != null && eventId.equals(new String(current, StandardCharsets.UTF_8))) {
      members.delete("a|" + articleId);
    }
    members.delete("m|" + eventId + "|" + articleId);
  }
}
