package io.newsline.query.model;

/**
 * What the broker says of the events topic: which incarnation of it exists (its topic id) and
 * where its partitions end. A client's position is checked against it when the position is ahead
 * of what this instance has read ({@link StalePosition}).
 */
public interface EventsTopic {
  /** Nothing known (no broker to ask): every position ahead of the instance is taken as lag. */
  EventsTopic UNKNOWN = new EventsTopic() {
    @Override
    public String knownId() {
      return null;
    }

    @Override
    public State current() {
      return null;
    }
  };

  /** The topic id last learnt from the broker, without asking it; null before the first answer. */
  String knownId();

  /** Asks the broker now; null when it cannot answer (unreachable, topic missing). */
  State current();

  /** The topic's id and its end offsets (the next offset to be written) by partition. */
  record State(String id, long[] endOffsets) {
    long end(int partition) {
      return partition < endOffsets.length ? endOffsets[partition] : 0L;
    }
  }
}
