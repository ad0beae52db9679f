package io.newsline.common.kafka;

import java.util.Map;
import java.util.TreeMap;

/**
 * The broker settings every cluster newsline starts itself shares (`local`'s KRaft server, the
 * in-process test cluster, the broker processes of the chaos run and the recovery tests): internal
 * topics sized for the cluster, few partitions for a quick first start, no topic created by accident,
 * no rebalance delay, and segments small enough for the cleaner to compact output topics soon.
 */
public final class BrokerDefaults {
  private BrokerDefaults() {}

  /**
   * @param replicas replication factor of the internal and default topics
   * @param minIsr min.insync.replicas of the transaction log and of topics
   */
  public static Map<String, String> forCluster(int replicas, int minIsr) {
    String rf = String.valueOf(replicas);
    String isr = String.valueOf(minIsr);
    Map<String, String> c = new TreeMap<>();
    c.put("offsets.topic.replication.factor", rf);
    c.put("offsets.topic.num.partitions", "5");
    c.put("transaction.state.log.replication.factor", rf);
    c.put("transaction.state.log.min.isr", isr);
    c.put("transaction.state.log.num.partitions", "5");
    c.put("default.replication.factor", rf);
    c.put("min.insync.replicas", isr);
    c.put("num.partitions", "3");
    c.put("auto.create.topics.enable", "false");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
    c.put("log.cleaner.backoff.ms", "1000");
    return c;
  }
}
