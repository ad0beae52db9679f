package io.newsline.aggregate.cluster;

/** Where the clusterer keeps active events: a Kafka Streams state store, or memory in batch mode. */
public interface EventRepository {
  EventState get(String eventId);

  void put(EventState event);

  void remove(String eventId);

  /** Every stored event, to rebuild the in-memory indexes after a restart or rebalance. */
  Iterable<EventState> all();
}
