package io.newsline.ingest.source;

import io.newsline.ingest.IncomingArticle;

/** One input item read from a file: an article, or the error that kept it from being one. */
public record ParsedInput(IncomingArticle article, Exception error, String source, String content) {
  public static ParsedInput ok(IncomingArticle a) {
    return new ParsedInput(a, null, a.source(), null);
  }

  public static ParsedInput failed(Exception error, String source, String content) {
    return new ParsedInput(null, error, source, content);
  }

  public boolean isOk() {
    return article != null;
  }
}
