package io.newsline.ingest.feed;

import io.newsline.common.Json;
import io.newsline.ingest.ArticleNormalizer;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.IngestTransaction;
import io.newsline.ingest.Messages;
import io.newsline.ingest.fetch.FetchException;
import io.newsline.ingest.fetch.PoliteFetcher;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns a feed item into an article: the feed's own full text when it carries one, else the
 * article page (fetched politely). When the page cannot be had, the failure is reported (a dead
 * letter) and the feed's summary is still ingested, so the item is not lost.
 */
final class ItemReader {
  static final String SOURCE_TYPE = "feed";
  private final PoliteFetcher fetcher;
  private final int minContentChars;

  ItemReader(PoliteFetcher fetcher, int minContentChars) {
    this.fetcher = fetcher;
    this.minContentChars = minContentChars;
  }

  /** The article (null when there is nothing to ingest) and the failure to report (null when none). */
  record Result(IncomingArticle article, IngestTransaction.Rejected failure) {}

  Result read(FeedSource src, Feed feed, FeedItem item) throws InterruptedException {
    if (item.damage() != null) {
      return new Result(null, failure(src, item, new FetchException(IngestError.BAD_ENCODING,
          src.url() + ": item " + Messages.quote(item.id()) + ": " + item.damage())));
    }
    int contentChars = plainLength(item.content());
    String best = contentChars >= plainLength(item.summary()) ? item.content() : item.summary();
    IncomingArticle fromFeed = best == null || plainLength(best) == 0 ? null : article(src, feed, item, best, true);
    boolean full = contentChars >= minContentChars;
    boolean fetchPage = item.link() != null
        && (src.pages() == FeedSource.PageMode.ALWAYS || (src.pages() == FeedSource.PageMode.AUTO && !full));
    if (!fetchPage) {
      return fromFeed != null ? new Result(fromFeed, null)
          : new Result(null, failure(src, item, new FetchException(IngestError.INVALID_ARTICLE,
              src.url() + ": item " + Messages.quote(item.id()) + " has neither text nor a link to fetch")));
    }
    if (item.link().length() > ArticleNormalizer.MAX_URL_CHARS) {
      return new Result(null, failure(src, item, new FetchException(IngestError.INVALID_URL, src.url() + ": item link of "
          + item.link().length() + " characters exceeds the limit of " + ArticleNormalizer.MAX_URL_CHARS)));
    }
    try {
      PoliteFetcher.Page page = fetcher.fetchPage(uri(item.link()));
      return new Result(article(src, feed, item, page.text(), page.isHtml()), null);
    } catch (FetchException e) {
      // said in the dead letter: "dead letter: URL: unknown host" alone read as an article lost
      FetchException said = fromFeed == null ? e : new FetchException(e.reason(), summaryInstead(item.link(), e.getMessage()),
          e.status(), e.retryAfter(), e.getCause());
      return new Result(fromFeed, failure(src, item, said));
    }
  }

  /** "LINK: the feed's summary was ingested instead: WHY", up front so a shortened line still says it. */
  static String summaryInstead(String link, String message) {
    String lead = "the feed's summary was ingested instead: ";
    return message.startsWith(link + ": ") ? link + ": " + lead + message.substring(link.length() + 2) : lead + message;
  }

  private static IncomingArticle article(FeedSource src, Feed feed, FeedItem item, String text, boolean html) {
    // items without a link get an id from their guid (scoped by the feed); with a link the id comes from the URL
    String id = item.link() == null ? item.id() : null;
    return new IncomingArticle(SOURCE_TYPE, src.url(), id, item.link(), null, item.title(), text, item.published(), html,
        item.author(), html ? null : feed.language(), null);
  }

  private static IngestTransaction.Rejected failure(FeedSource src, FeedItem item, FetchException e) {
    String what = Json.write(Json.object().put("feed", src.url()).put("id", item.id()).put("link", item.link()).put("title", item.title()));
    boolean linkFits = item.link() != null && item.link().length() <= ArticleNormalizer.MAX_URL_CHARS;
    return new IngestTransaction.Rejected(e, SOURCE_TYPE, linkFits ? item.link() : src.url(), what);
  }

  private static URI uri(String link) {
    try {
      return new URI(link);
    } catch (URISyntaxException e) {
      throw new FetchException(IngestError.INVALID_URL, "item link " + Messages.quote(link) + " is not a valid URL", e);
    }
  }

  private static int plainLength(String htmlOrText) {
    if (htmlOrText == null) {
      return 0;
    }
    return htmlOrText.indexOf('<') >= 0 ? org.jsoup.Jsoup.parse(htmlOrText).text().strip().length() : htmlOrText.strip().length();
  }
}
