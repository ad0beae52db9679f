package io.newsline.ingest.source;

import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.html.HtmlArticleExtractor;

/** An HTML page as an incoming article: extracted text and metadata (see {@link HtmlArticleExtractor}). */
public final class HtmlPages {
  private static final HtmlArticleExtractor EXTRACTOR = new HtmlArticleExtractor();

  private HtmlPages() {}

  public static IncomingArticle read(String html, String url, String sourceType, String source) {
    HtmlArticleExtractor.Extracted e = EXTRACTOR.extract(html, url);
    return new IncomingArticle(sourceType, source, null, url != null ? url : e.canonicalUrl(), e.siteName(), e.title(),
        e.text(), e.publishedAt(), false, e.byline(), e.language(), e.canonicalUrl());
  }
}
