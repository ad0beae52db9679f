package io.newsline.registry.serde;

/** Confluent's default subject naming: {@code <topic>-key} for keys, {@code <topic>-value} for values. */
public final class TopicNameStrategy {
  private TopicNameStrategy() {}

  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
