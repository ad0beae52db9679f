package io.newsline.ingest;

import io.newsline.common.Progress;
import io.newsline.ingest.source.FileArticles;
import io.newsline.ingest.source.InputFolder;
import io.newsline.ingest.source.ParsedInput;
import io.newsline.ingest.source.SampleArticles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the ingest service from its sources: the bundled samples, JSON Lines imports (in
 * transactions of {@link #BATCH} articles, with progress) and a watched input folder.
 */
public final class IngestRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);
  static final int BATCH = 500;

  private final IngestService service;
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-folder-watcher");
        t.setDaemon(true);
        return t;
      });
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  public IngestRunner(IngestService service) {
    this.service = service;
  }

  /** Articles published so far (duplicates included) and inputs dead-lettered. */
  public long published() {
    return published.get();
  }

  public long rejected() {
    return rejected.get();
  }

  public BatchResult publishSamples() {
    return publish(SampleArticles.load());
  }

  /** Imports a file (JSON Lines or any supported type) in transactions of BATCH articles. */
  public void importFile(Path file, String sourceType, Progress progress) throws IOException {
    List<IncomingArticle> batch = new ArrayList<>(BATCH);
    FileArticles.read(file, sourceType, item -> {
      if (item.isOk()) {
        batch.add(item.article());
        if (batch.size() >= BATCH) {
          publish(batch);
          progress.add(batch.size(), "articles");
          batch.clear();
        }
      } else {
        reject(item, sourceType);
        progress.add(1, "articles");
      }
    });
    if (!batch.isEmpty()) {
      publish(batch);
      progress.add(batch.size(), "articles");
    }
  }

  /** Polls the folder every {@code interval}, importing each new file and moving it away. */
  public void watch(InputFolder folder, Duration interval) {
    watcher.scheduleWithFixedDelay(() -> scan(folder), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One pass over the folder; returns the number of files handled. */
  public int scan(InputFolder folder) {
    int handled = 0;
    try {
      for (Path file : folder.ready()) {
        Exception error = null;
        try {
          if (!FileArticles.supported(file)) {
            throw new RejectedInputException("unsupported file type (use .txt, .html, .json, .jsonl or .jsonl.gz)");
          }
          importFile(file, "folder", Progress.silent());
        } catch (IOException | RuntimeException e) {
          error = e;
          LOG.warn("cannot ingest {}: {}", file, e.getMessage());
          service.reject(e, "folder", file.toString(), null);
          rejected.incrementAndGet();
        }
        folder.done(file, error);
        handled++;
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.error("cannot list input folder {}: {}", folder.dir(), e.toString());
    } catch (RuntimeException e) {
      LOG.error("input folder scan failed; will retry", e);
    }
    return handled;
  }

  private BatchResult publish(List<IncomingArticle> batch) {
    BatchResult r = service.publish(batch);
    published.addAndGet(r.articles().size());
    rejected.addAndGet(r.deadLetters());
    return r;
  }

  private void reject(ParsedInput item, String sourceType) {
    service.reject(item.error(), sourceType, item.source(), item.content());
    rejected.incrementAndGet();
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    try {
      watcher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
