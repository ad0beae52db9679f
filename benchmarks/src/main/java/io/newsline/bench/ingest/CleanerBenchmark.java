package io.newsline.bench.ingest;

import io.newsline.ingest.clean.CleanText;
import io.newsline.ingest.clean.TextCleaner;
import io.newsline.ingest.dedup.Fingerprint;
import io.newsline.ingest.dedup.MinHash;
import io.newsline.ingest.dedup.Shingles;
import io.newsline.ingest.dedup.SimHash;
import io.newsline.common.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ingest hot paths on realistic articles (600-1,200 words with boilerplate lines), per
 * article: the text cleaner, the fingerprints (shingles, SimHash, MinHash) and, as the baseline
 * in the same run, splitting the text into stripped lines (the least a line cleaner must do) and
 * SHA-256 of the text (the exact-duplicate key every article already pays for).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CleanerBenchmark {
  private final TextCleaner cleaner = new TextCleaner();
  private final List<String> texts = new ArrayList<>();
  private String cleanText;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    ArticleCorpus corpus = new ArticleCorpus(1);
    for (int i = 0; i < 64; i++) {
      texts.add((String) corpus.article(i, List.<Map<String, Object>>of()).get("text"));
    }
    cleanText = cleaner.clean(texts.get(0), false).text();
  }

  private String text() {
    next = (next + 1) & 63;
    return texts.get(next);
  }

  @Benchmark
  public CleanText clean() {
    return cleaner.clean(text(), true);
  }

  @Benchmark
  public int baselineSplitLines() {
    int n = 0;
    for (String line : text().split("\n")) {
      n += line.strip().length();
    }
    return n;
  }

  @Benchmark
  public long simhash() {
    return SimHash.of(cleanText);
  }

  @Benchmark
  public int[] minhash() {
    return MinHash.of(Shingles.of(cleanText));
  }

  @Benchmark
  public Fingerprint fingerprint() {
    return Fingerprint.of(cleanText);
  }

  @Benchmark
  public String baselineSha256() {
    return Hashing.sha256Hex(cleanText);
  }
}
