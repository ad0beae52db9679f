package io.newsline.aggregate.cluster;

import java.util.List;

/**
 * Where the clusterer keeps active events and which articles belong to them: a Kafka Streams state
 * store, or memory in batch mode. Writing an article's membership costs the same whatever the size
 * of its event; reading all members of an event is for merges and retirement only.
 */
public interface EventRepository {
  EventState get(String eventId);

  void put(EventState event);

  void remove(String eventId);

  /** Every stored event, to rebuild the in-memory indexes after a restart or rebalance. */
  Iterable<EventState> all();

  /** The active event the article belongs to, or null. */
  String eventOf(String articleId);

  /** Records that the article belongs to the event (moving it from any other). */
  void addMember(String eventId, Member member);

  /** The event's articles, ordered by article id. */
  List<Member> members(String eventId);

  /** Forgets the article's membership of the event. */
  void removeMember(String eventId, String articleId);

  /** An article of an event: what an assignment carries of it. */
  record Member(String articleId, long time, String outlet, String url, String title) {}
}
