package io.newsline.bench.e2e;

import io.newsline.bench.TempFolders;
import io.newsline.common.FileTrees;
import io.newsline.embedded.EmbeddedKafka;
import io.newsline.runtime.KafkaSettings;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * What writing the aggregate's event states costs besides encoding them: the same sequence of
 * states (a {@link StateBytes} {@code --dump}) in two encodings, written alternately, round after
 * round, (1) to a compacted changelog-like topic of an in-process broker by a transactional
 * producer with the stages' settings (zstd, 256 KiB batches, a commit every {@code --commit-every}
 * writes) and (2) into a RocksDB, and the process CPU each took per write (producer, broker, and
 * RocksDB's own threads alike).
 *
 * <pre>
 * java -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.newsline.bench.e2e.StateWriteCost --states A.bin --states B.bin [--rounds 4] [--commit-every 350]
 * </pre>
 */
public final class StateWriteCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StateWriteCost() {}

  record State(String key, byte[] value) {}

  static void write(DataOutputStream out, String key, byte[] value) throws IOException {
    out.writeUTF(key);
    out.writeInt(value.length);
    out.write(value);
  }

  static List<State> read(Path file) throws IOException {
    List<State> out = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      while (true) {
        String key;
        try {
          key = in.readUTF();
        } catch (EOFException end) {
          return out;
        }
        byte[] v = new byte[in.readInt()];
        in.readFully(v);
        out.add(new State(key, v));
      }
    }
  }

  public static void main(String[] args) throws Exception {
    List<Path> files = new ArrayList<>();
    int rounds = 4;
    int commitEvery = 350;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--states" -> files.add(Path.of(args[++i]));
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--commit-every" -> commitEvery = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<List<State>> sets = new ArrayList<>();
    for (Path f : files) {
      List<State> s = read(f);
      sets.add(s);
      System.out.printf(Locale.ROOT, "%s: %,d states, %.0f bytes each%n", f, s.size(), s.stream().mapToInt(x -> x.value().length).average().orElse(0));
    }
    RocksDB.loadLibrary();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(1); Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < sets.size(); k++) {
          int which = r % 2 == 0 ? k : sets.size() - 1 - k; // alternate the order round by round
          List<State> states = sets.get(which);
          String topic = "states-" + which + "-" + r;
          admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
          long cpu = CpuMeter.processCpu();
          long t = System.nanoTime();
          produce(kafka.bootstrapServers(), topic, states, commitEvery);
          double produceMs = (CpuMeter.processCpu() - cpu) / 1e6 / states.size();
          double produceWall = (System.nanoTime() - t) / 1e6 / states.size();
          Path dir = TempFolders.create("statewritecost");
          cpu = CpuMeter.processCpu();
          long thread = THREADS.getCurrentThreadCpuTime();
          try (Options o = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(o, dir.toString());
              WriteOptions w = new WriteOptions().setDisableWAL(true)) {
            for (State s : states) {
              db.put(w, s.key().getBytes(StandardCharsets.UTF_8), s.value());
            }
            db.flush(new org.rocksdb.FlushOptions().setWaitForFlush(true));
          }
          FileTrees.delete(dir);
          double rocksThread = (THREADS.getCurrentThreadCpuTime() - thread) / 1e6 / states.size();
          double rocksMs = (CpuMeter.processCpu() - cpu) / 1e6 / states.size();
          System.out.printf(Locale.ROOT, "round %d %-40s produce + broker %.3f ms CPU/write (%.3f wall), RocksDB put + flush %.3f ms CPU/write (%.3f on the writing thread), load %.1f%n",
              r, files.get(which), produceMs, produceWall, rocksMs, rocksThread, CpuMeter.loadAverage());
        }
      }
    }
    System.exit(0); // the embedded broker leaves non-daemon threads behind for a while
  }

  /** As a stage's changelog is written: one transactional producer, a commit every few hundred writes. */
  private static void produce(String bootstrap, String topic, List<State> states, int commitEvery) {
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic);
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, KafkaSettings.PRODUCER_BATCH_BYTES);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 100);
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(c, new StringSerializer(), new ByteArraySerializer())) {
      p.initTransactions();
      p.beginTransaction();
      int n = 0;
      for (State s : states) {
        p.send(new ProducerRecord<>(topic, s.key(), s.value()));
        if (++n % commitEvery == 0) {
          p.commitTransaction();
          p.beginTransaction();
        }
      }
      p.commitTransaction();
    }
  }
}
