package io.newsline.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit: past the limit the download is cancelled (the
 * connection dropped) and the body completes with {@link TooLarge}, so a 50 MB page costs at most
 * the limit in memory and bandwidth. A Content-Length above the limit fails before any byte is read.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final long limit;
  private final boolean failAtOnce;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  /** The body exceeded the limit. */
  static final class TooLarge extends RuntimeException {
    final long limit;

    TooLarge(long limit) {
      super("body larger than " + limit + " bytes", null, false, false);
      this.limit = limit;
    }
  }

  private LimitedBody(long limit, boolean failAtOnce) {
    this.limit = limit;
    this.failAtOnce = failAtOnce;
  }

  static HttpResponse.BodyHandler<byte[]> handler(long limit) {
    return info -> {
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      // error and redirect bodies are not read beyond a small prefix
      long max = info.statusCode() >= 300 ? Math.min(limit, 64 * 1024) : limit;
      return new LimitedBody(max, info.statusCode() < 300 && declared > limit);
    };
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (failAtOnce) {
      s.cancel();
      result.completeExceptionally(new TooLarge(limit));
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      int n = b.remaining();
      if (buffer.size() + (long) n > limit) {
        if (limit < 64 * 1024 + 1 && buffer.size() < limit) {
          // a capped error body: keep the prefix and stop
          byte[] part = new byte[(int) (limit - buffer.size())];
          b.get(part);
          buffer.writeBytes(part);
          subscription.cancel();
          result.complete(buffer.toByteArray());
          return;
        }
        subscription.cancel();
        result.completeExceptionally(new TooLarge(limit));
        return;
      }
      byte[] chunk = new byte[n];
      b.get(chunk);
      buffer.writeBytes(chunk);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }
}
