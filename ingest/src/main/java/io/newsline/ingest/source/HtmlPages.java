package io.newsline.ingest.source;

import io.newsline.ingest.IncomingArticle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** A first HTML-to-article reader: headline from og:title or the title tag, text from paragraphs. */
public final class HtmlPages {
  private HtmlPages() {}

  public static IncomingArticle read(String html, String url, String sourceType, String source) {
    Document doc = Jsoup.parse(html, url == null ? "" : url);
    doc.select("script, style, nav, header, footer, aside, form, noscript, figure figcaption").remove();
    String title = meta(doc, "og:title");
    if (title == null) {
      title = doc.title().isBlank() ? null : doc.title();
    }
    StringBuilder text = new StringBuilder();
    Element root = doc.selectFirst("article");
    for (Element p : (root != null ? root : doc.body()).select("p, h2, h3, li")) {
      String t = p.text().strip();
      if (!t.isEmpty()) {
        text.append(t).append('\n');
      }
    }
    String canonical = doc.selectFirst("link[rel=canonical]") != null ? doc.selectFirst("link[rel=canonical]").absUrl("href") : null;
    return new IncomingArticle(sourceType, source, null, canonical != null && !canonical.isBlank() ? canonical : url,
        meta(doc, "og:site_name"), title, text.toString(), null, false);
  }

  private static String meta(Document doc, String property) {
    Element e = doc.selectFirst("meta[property=" + property + "], meta[name=" + property + "]");
    return e == null || e.attr("content").isBlank() ? null : e.attr("content").strip();
  }
}
