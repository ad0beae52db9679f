package io.newsline.ingest;

import io.newsline.common.Progress;
import io.newsline.ingest.source.FileArticles;
import io.newsline.ingest.source.InputFolder;
import io.newsline.ingest.source.SampleArticles;
import io.newsline.runtime.deadletter.DeadLetters;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
  public ImportCount importFile(Path file, String sourceType, Progress progress) throws IOException {
    return importFile(file, sourceType, FileArticles.ReadLimits.TRUSTED, progress);
  }

  /**
   * What one file gave: the articles published, the inputs dead-lettered, and the first
   * {@link #REASONS_KEPT} of those with where and why (the dead-letter topic has every one).
   */
  public record ImportCount(long articles, long deadLetters, List<String> reasons) {
    public static final int REASONS_KEPT = 10;

    /** Nothing in the file made an article, and something was there: the file belongs with the failed ones. */
    public boolean nothingIngested() {
      return articles == 0 && deadLetters > 0;
    }

    /** The reasons as lines for a person, saying how many more the dead-letter topic holds. */
    public String describeReasons() {
      StringBuilder b = new StringBuilder();
      reasons.forEach(r -> b.append("  ").append(r).append('\n'));
      if (deadLetters > reasons.size()) {
        b.append("  ... and ").append(deadLetters - reasons.size()).append(" more in the dead-letter topic\n");
      }
      return b.toString();
    }
  }

  /**
   * Imports a file within the limits. Whatever ends the reader thread, an Error included, ends
   * the import with that failure: it never waits for a reader that is gone.
   */
  public ImportCount importFile(Path file, String sourceType, FileArticles.ReadLimits limits, Progress progress) throws IOException {
    long fileArticles = 0;
    long fileDeadLetters = 0;
    List<String> reasons = new ArrayList<>();
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);
    Thread reader = new Thread(() -> read(file, sourceType, limits, queue, service), "ingest-import-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      while (true) {
        Object next = queue.poll(1, TimeUnit.SECONDS);
        if (next == null) {
          if (!reader.isAlive() && queue.isEmpty()) {
            throw new IllegalStateException("the reader of " + file + " stopped without finishing");
          }
          continue;
        }
        if (next == END) {
          return new ImportCount(fileArticles, fileDeadLetters, List.copyOf(reasons));
        }
        if (next instanceof Failure f) {
          throw f.rethrow();
        }
        PreparedTransaction prepared = (PreparedTransaction) next;
        TransactionResult r = service.publish(prepared);
        published.addAndGet(r.articles().size());
        rejected.addAndGet(r.deadLetters());
        fileArticles += r.articles().size();
        fileDeadLetters += r.deadLetters();
        keepReasons(prepared, r, reasons);
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

  /** The transaction's dead letters, where and why, until REASONS_KEPT are kept: unreadable inputs, then rejected articles. */
  private static void keepReasons(PreparedTransaction prepared, TransactionResult result, List<String> reasons) {
    for (IngestTransaction.Rejected x : prepared.transaction().rejected()) {
      if (reasons.size() < ImportCount.REASONS_KEPT) {
        reasons.add(x.source() + ": " + DeadLetters.describe(x.error()));
      }
    }
    List<IncomingArticle> in = prepared.transaction().articles();
    for (int i = 0; i < result.outcomes().size() && i < in.size(); i++) {
      String error = result.outcomes().get(i).error();
      if (error != null && reasons.size() < ImportCount.REASONS_KEPT) {
        reasons.add(in.get(i).source() + ": " + error);
      }
    }
  }

  /** What ended the reader, handed to the importing thread. */
  private record Failure(Throwable error) {
    IOException rethrow() {
      if (error instanceof IOException e) {
        return e;
      }
      if (error instanceof RuntimeException e) {
        throw e;
      }
      if (error instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(error);
    }
  }

  /** Reads the file into transactions and prepares each (cleaning, fingerprints) ahead of its publishing. */
  private static void read(Path file, String sourceType, FileArticles.ReadLimits limits, BlockingQueue<Object> queue, ArticleSink sink) {
    List<IncomingArticle> articles = new ArrayList<>(TRANSACTION_SIZE);
    List<IngestTransaction.Rejected> rejected = new ArrayList<>();
    try {
      FileArticles.read(file, sourceType, limits, item -> {
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
    } catch (Stopped e) {
      // the importer gave up: nobody is waiting
    } catch (Throwable e) { // Errors too (a stack overflow in a parser, out of memory): the importer must hear of it
      articles.clear();
      rejected.clear();
      try {
        put(queue, new Failure(e));
      } catch (Stopped gone) {
        // the importer gave up meanwhile
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
    IngestMetrics.errorsFromZero("folder");
    watcher.scheduleWithFixedDelay(() -> {
      try {
        scan(folder);
      } catch (Throwable t) { // a failed run must not cancel the schedule
        LOG.error("input folder scan failed; will retry", t);
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One pass over the folder; returns the number of files handled. A file that fails (an Error
   * included), or whose every input was dead-lettered, is set aside in failed/ with the reason beside
   * it; symbolic links are refused, not followed.
   * When the dead letter cannot be published (broker down) the file stays for the next scan, and
   * so does a file that changed while it was read (a writer still at work).
   */
  public int scan(InputFolder folder) {
    int handled = 0;
    try {
      for (Path file : folder.ready()) {
        Throwable error = null;
        List<Long> version = folder.version(file);
        try {
          if (Files.isSymbolicLink(file)) {
            throw new RejectedInputException(IngestError.UNREADABLE_FILE,
                "symbolic links are not followed: copy or move the file itself into the folder", null);
          }
          if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new RejectedInputException(IngestError.UNREADABLE_FILE,
                "a folder: only files directly in the watched folder are read; move its files up (it is left where it is)", null);
          }
          if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) { // opening a named pipe would wait for a writer for good
            throw new RejectedInputException(IngestError.UNREADABLE_FILE, "not a regular file (a named pipe, socket or device)", null);
          }
          if (!FileArticles.supported(file)) {
            throw new RejectedInputException(IngestError.UNREADABLE_FILE, "unsupported file type (use .txt, .html, .json, .jsonl or .jsonl.gz)", null);
          }
          ImportCount count = importFile(file, "folder", folder.limits(), Progress.silent());
          if (count.articles() == 0 && count.deadLetters() == 0) { // said, not moved to processed/ as if read
            throw new RejectedInputException("no article in the file: it is empty or holds only blank lines");
          }
          if (count.nothingIngested()) {
            // every input in it is already dead-lettered with its reason: the file goes with the failed ones
            error = new RejectedInputException("nothing in the file could be ingested: " + count.deadLetters()
                + " input(s) dead-lettered:\n" + count.describeReasons());
            LOG.warn("nothing in {} could be ingested; moved to {}", file, folder.dir().resolve("failed"));
          }
        } catch (InterruptedIOException e) {
          Thread.currentThread().interrupt();
          LOG.info("stopped while reading {}; it is read again at the next start", file);
          return handled;
        } catch (Throwable e) {
          error = e;
          LOG.warn("cannot ingest {}: {}", file, DeadLetters.describe(e));
          publish(IngestTransaction.rejection(new IngestTransaction.Rejected(e, "folder", file.toString(), null)));
        }
        handled++;
        if (!version.equals(folder.version(file))) {
          LOG.warn("{} changed while it was read: left in place, read again once it is quiet", file);
          continue;
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          folder.leave(file); // said once, and again when it changes
          continue;
        }
        folder.done(file, error);
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
