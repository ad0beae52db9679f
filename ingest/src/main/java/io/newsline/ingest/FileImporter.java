package io.newsline.ingest;

import io.newsline.common.Progress;
import io.newsline.ingest.source.FileArticles;
import io.newsline.ingest.source.InputFolder;
import io.newsline.ingest.source.SampleArticles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the ingest service from its sources: the bundled samples, JSON Lines imports (in
 * transactions of {@link #TRANSACTION_SIZE} articles, with progress) and a watched input folder.
 */
public final class FileImporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FileImporter.class);
  static final int TRANSACTION_SIZE = 500;

  private final ArticleSink service;
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-folder-watcher");
        t.setDaemon(true);
        return t;
      });
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  public FileImporter(ArticleSink service) {
    this.service = service;
  }

  /** Articles published so far (duplicates included) and inputs dead-lettered. */
  public long published() {
    return published.get();
  }

  public long rejected() {
    return rejected.get();
  }

  public TransactionResult publishSamples() {
    return publish(SampleArticles.load());
  }

  /**
   * Imports a file (JSON Lines or any supported type) in transactions of up to TRANSACTION_SIZE inputs, broken
   * lines dead-lettered in the same transactions. A reader thread parses and prepares (cleans,
   * fingerprints) the next transaction while the current one is linked and published.
   */
  public void importFile(Path file, String sourceType, Progress progress) throws IOException {
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    Thread reader = new Thread(() -> read(file, sourceType, queue, service), "ingest-import-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      while (true) {
        Object next = queue.take();
        if (next == END) {
          return;
        }
        if (next instanceof IOException e) {
          throw e;
        }
        if (next instanceof RuntimeException e) {
          throw e;
        }
        PreparedTransaction prepared = (PreparedTransaction) next;
        TransactionResult r = service.publish(prepared);
        published.addAndGet(r.articles().size());
        rejected.addAndGet(r.deadLetters());
        progress.add(prepared.transaction().articles().size() + prepared.transaction().rejected().size(), "articles");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("import of " + file + " interrupted");
    } finally {
      reader.interrupt();
    }
  }

  private static final Object END = new Object();

  /** Reads the file into transactions and prepares each (cleaning, fingerprints) ahead of its publishing. */
  private static void read(Path file, String sourceType, BlockingQueue<Object> queue, ArticleSink sink) {
    List<IncomingArticle> articles = new ArrayList<>(TRANSACTION_SIZE);
    List<IngestTransaction.Rejected> rejected = new ArrayList<>();
    try {
      FileArticles.read(file, sourceType, item -> {
        if (item.isOk()) {
          articles.add(item.article());
        } else {
          rejected.add(new IngestTransaction.Rejected(item.error(), sourceType, item.source(), item.content()));
        }
        if (articles.size() + rejected.size() >= TRANSACTION_SIZE) {
          put(queue, sink.prepare(new IngestTransaction(articles, rejected, List.of())));
          articles.clear();
          rejected.clear();
        }
      });
      if (!articles.isEmpty() || !rejected.isEmpty()) {
        put(queue, sink.prepare(new IngestTransaction(articles, rejected, List.of())));
      }
      put(queue, END);
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof Stopped)) {
        queue.offer(e);
      }
    }
  }

  private static void put(BlockingQueue<Object> queue, Object o) {
    try {
      queue.put(o);
    } catch (InterruptedException e) {
      throw new Stopped(); // the importer gave up (its publish failed): stop reading
    }
  }

  /** Ends the reader when the importing thread is gone. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
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
            throw new RejectedInputException(IngestError.UNREADABLE_FILE, "unsupported file type (use .txt, .html, .json, .jsonl or .jsonl.gz)", null);
          }
          importFile(file, "folder", Progress.silent());
        } catch (IOException | RuntimeException e) {
          error = e;
          LOG.warn("cannot ingest {}: {}", file, e.getMessage());
          publish(IngestTransaction.rejection(new IngestTransaction.Rejected(e, "folder", file.toString(), null)));
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

  private TransactionResult publish(List<IncomingArticle> articles) {
    return publish(IngestTransaction.of(articles));
  }

  private TransactionResult publish(IngestTransaction transaction) {
    TransactionResult r = service.publish(transaction);
    published.addAndGet(r.articles().size());
    rejected.addAndGet(r.deadLetters());
    return r;
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
