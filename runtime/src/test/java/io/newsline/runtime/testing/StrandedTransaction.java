package io.newsline.runtime.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Leaves what a stale write of a transactional producer leaves when the coordinator has lost track of
 * its transaction: a record of the transactional id's producer id, in an open transaction the
 * coordinator does not know of (state Empty). Made as a pre-KIP-890 produce request (version 11)
 * written straight to the socket while the brokers' transaction verification is off, the way
 * older clients wrote; then verification is on again. For a single-broker cluster (the bootstrap
 * server leads every partition).
 */
public final class StrandedTransaction {
  private static final String VERIFICATION = "transaction.partition.verification.enable";
  private static final short PRODUCE_VERSION = 11;

  private StrandedTransaction() {}

  /** Leaves one such record under {@code key} in each partition. */
  public static void leave(String bootstrap, String transactionalId, List<TopicPartition> partitions, String key) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "transactional.id", transactionalId),
          new ByteArraySerializer(), new ByteArraySerializer())) {
        p.initTransactions();
      }
      TransactionDescription t = admin.describeTransactions(List.of(transactionalId)).description(transactionalId).get(30, TimeUnit.SECONDS);
      verification(admin, false);
      try {
        for (TopicPartition tp : partitions) {
          produce(bootstrap, transactionalId, tp, t.producerId(), (short) t.producerEpoch(), key);
        }
      } finally {
        verification(admin, true);
      }
    }
  }

  /** Sets verification off, or back to the broker's default (on), and waits until the broker has it. */
  private static void verification(Admin admin, boolean on) throws Exception {
    AlterConfigOp op = on ? new AlterConfigOp(new ConfigEntry(VERIFICATION, null), AlterConfigOp.OpType.DELETE)
        : new AlterConfigOp(new ConfigEntry(VERIFICATION, "false"), AlterConfigOp.OpType.SET);
    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.BROKER, ""), List.of(op))).all().get(30, TimeUnit.SECONDS);
    String broker = String.valueOf(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).iterator().next().id());
    ConfigResource resource = new ConfigResource(ConfigResource.Type.BROKER, broker);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!String.valueOf(on).equals(admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
        .get(VERIFICATION).value())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(VERIFICATION + " did not become " + on);
      }
      Thread.sleep(100);
    }
  }

  private static void produce(String bootstrap, String transactionalId, TopicPartition tp, long producerId, short epoch, String key)
      throws IOException {
    MemoryRecords records = MemoryRecords.withTransactionalRecords(Compression.NONE, producerId, epoch, 0,
        new SimpleRecord(System.currentTimeMillis(), key.getBytes(StandardCharsets.UTF_8), "stranded".getBytes(StandardCharsets.UTF_8)));
    ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTransactionalId(transactionalId);
    ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName(tp.topic());
    topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(tp.partition()).setRecords(records));
    data.topicData().add(topic);
    ByteBuffer request = new ProduceRequest.Builder(PRODUCE_VERSION, PRODUCE_VERSION, data).build(PRODUCE_VERSION)
        .serializeWithHeader(new RequestHeader(ApiKeys.PRODUCE, PRODUCE_VERSION, "stranded-transaction", 1));
    String[] hostPort = bootstrap.split(",")[0].split(":");
    try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(request.remaining());
      out.write(request.array(), request.arrayOffset() + request.position(), request.remaining());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] bytes = new byte[in.readInt()];
      in.readFully(bytes);
      ByteBuffer response = ByteBuffer.wrap(bytes);
      ResponseHeader.parse(response, ApiKeys.PRODUCE.responseHeaderVersion(PRODUCE_VERSION));
      ProduceResponse parsed = ProduceResponse.parse(new ByteBufferAccessor(response), PRODUCE_VERSION);
      parsed.data().responses().forEach(r -> r.partitionResponses().forEach(pr -> {
        if (pr.errorCode() != 0) {
          throw new IllegalStateException("stranded write to " + tp + " failed with error code " + pr.errorCode());
        }
      }));
    }
  }
}
