package io.newsline.bench.serde;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.RawArticle;
import io.newsline.enrich.ArticleEnricher;
import io.newsline.enrich.EnrichedArticles;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.source.SampleArticles;
import io.newsline.registry.serde.AvroSerde;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Confluent wire-format serde of an enriched article (a seed article with its entities and quotes)
 * against plain Avro binary encoding of the same record, the floor the serde cannot beat.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SerdeBenchmark {
  private EmbeddedSchemaRegistry registry;
  private AvroSerde<EnrichedArticle> serde;
  private EnrichedArticle article;
  private byte[] bytes;
  private final SpecificDatumWriter<EnrichedArticle> writer = new SpecificDatumWriter<>(EnrichedArticle.class);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
  private BinaryEncoder encoder;

  @Setup(Level.Trial)
  public void setUp() {
    registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0);
    serde = AvroSerde.of(EnrichedArticle.class, Map.of("schema.registry.url", registry.url()), false);
    IncomingArticle sample = SampleArticles.load().get(1);
    RawArticle raw = RawArticle.newBuilder().setId("bench").setSourceType("sample").setText(sample.text())
        .setIngestedAt(Instant.EPOCH).setContentHash("h").setSimhash(0L).build();
    article = EnrichedArticles.enrich(raw, ArticleEnricher.standard());
    bytes = serde.serializer().serialize("newsline.articles.enriched", article);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  @Benchmark
  public byte[] baselinePlainAvroEncode() throws IOException {
    buffer.reset();
    // Avro's standard buffered encoder: a synchronized ByteArrayOutputStream behind a direct
    // encoder would make the baseline slower than the serde and the ratio meaningless.
    encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
    writer.write(article, encoder);
    encoder.flush();
    return buffer.toByteArray();
  }

  @Benchmark
  public byte[] serialize() {
    return serde.serializer().serialize("newsline.articles.enriched", article);
  }

  @Benchmark
  public EnrichedArticle deserialize() {
    return serde.deserializer().deserialize("newsline.articles.enriched", bytes);
  }
}
