package io.newsline.ingest.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.ingest.Dates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a page's metadata, most specific source first: JSON-LD (NewsArticle and kin), then Open
 * Graph and article: meta tags, then plain meta tags and markup (rel=canonical, html lang, time).
 */
final class MetadataReader {
  private static final Set<String> ARTICLE_TYPES =
      Set.of("newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
          "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "report", "socialmediaposting");
  private static final String[] DATE_META = {
      "meta[property=article:published_time]", "meta[itemprop=datePublished]", "meta[name=article:published_time]",
      "meta[property=og:published_time]", "meta[name=pubdate]", "meta[name=publishdate]", "meta[name=publish-date]",
      "meta[name=parsely-pub-date]", "meta[name=sailthru.date]", "meta[name=dc.date.issued]", "meta[name=DC.date.issued]",
      "meta[name=dc.date]", "meta[name=DC.date]", "meta[name=date]"};

  private MetadataReader() {}

  static PageMetadata read(Document doc, String pageUrl) {
    JsonNode ld = articleJsonLd(doc);
    String siteName = first(meta(doc, "og:site_name"), ld == null ? null : text(ld.path("publisher"), "name"),
        meta(doc, "application-name"));
    String title = first(ld == null ? null : text(ld, "headline"), meta(doc, "og:title"), meta(doc, "twitter:title"),
        h1(doc), pageTitle(doc, siteName));
    return new PageMetadata(
        clean(title),
        clean(first(ld == null ? null : authors(ld.get("author")), metaByline(doc), markupByline(doc))),
        published(doc, ld),
        canonical(doc, ld, pageUrl),
        language(doc, ld),
        clean(siteName));
  }

  /** The first JSON-LD object whose @type is an article type, looking into arrays and @graph. */
  private static JsonNode articleJsonLd(Document doc) {
    for (Element script : doc.select("script[type=application/ld+json]")) {
      JsonNode root;
      try {
        root = Json.parse(script.data());
      } catch (IllegalArgumentException e) {
        continue; // hand-written JSON-LD is often broken; the meta tags still count
      }
      List<JsonNode> nodes = new ArrayList<>();
      collect(root, nodes, 0);
      for (JsonNode n : nodes) {
        if (isArticle(n.get("@type"))) {
          return n;
        }
      }
    }
    return null;
  }

  private static void collect(JsonNode n, List<JsonNode> out, int depth) {
    if (n == null || depth > 4) {
      return;
    }
    if (n.isArray()) {
      n.forEach(c -> collect(c, out, depth + 1));
    } else if (n.isObject()) {
      out.add(n);
      collect(n.get("@graph"), out, depth + 1);
      collect(n.get("mainEntity"), out, depth + 1);
    }
  }

  private static boolean isArticle(JsonNode type) {
    if (type == null) {
      return false;
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (isArticle(t)) {
          return true;
        }
      }
      return false;
    }
    return ARTICLE_TYPES.contains(type.asText().toLowerCase(Locale.ROOT).replace("schema:", ""));
  }

  /** "author": "Jane Doe" | {"name": ...} | [ ... ] */
  private static String authors(JsonNode author) {
    if (author == null || author.isNull()) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    if (author.isArray()) {
      author.forEach(a -> {
        String n = authors(a);
        if (n != null) {
          names.add(n);
        }
      });
    } else if (author.isTextual()) {
      names.add(author.asText());
    } else {
      String n = text(author, "name");
      if (n != null) {
        names.add(n);
      }
    }
    names.removeIf(n -> n.isBlank() || n.startsWith("http"));
    return names.isEmpty() ? null : String.join(", ", names);
  }

  private static Instant published(Document doc, JsonNode ld) {
    if (ld != null) {
      Instant t = Dates.parse(first(text(ld, "datePublished"), text(ld, "dateCreated")));
      if (t != null) {
        return t;
      }
    }
    for (String sel : DATE_META) {
      Element e = doc.selectFirst(sel);
      Instant t = e == null ? null : Dates.parse(e.attr("content"));
      if (t != null) {
        return t;
      }
    }
    for (Element time : doc.select("time[datetime]")) {
      Instant t = Dates.parse(time.attr("datetime"));
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static String canonical(Document doc, JsonNode ld, String pageUrl) {
    Element link = doc.selectFirst("link[rel=canonical][href]");
    String c = link == null ? null : link.absUrl("href");
    if (c == null || c.isBlank()) {
      c = meta(doc, "og:url");
    }
    if ((c == null || c.isBlank()) && ld != null) {
      JsonNode main = ld.get("mainEntityOfPage");
      c = first(text(ld, "url"), main == null ? null : main.isTextual() ? main.asText() : text(main, "@id"));
    }
    return c == null || !c.startsWith("http") ? pageUrl : c.strip();
  }

  private static String language(Document doc, JsonNode ld) {
    Element html = doc.selectFirst("html[lang]");
    Element httpEquiv = doc.selectFirst("meta[http-equiv~=(?i)content-language]");
    String lang = first(html == null ? null : html.attr("lang"), httpEquiv == null ? null : httpEquiv.attr("content"),
        meta(doc, "og:locale"), ld == null ? null : text(ld, "inLanguage"));
    if (lang == null) {
      return null;
    }
    String primary = lang.strip().split("[-_,;\\s]")[0].toLowerCase(Locale.ROOT);
    return primary.matches("[a-z]{2,3}") ? primary : null;
  }

  private static String metaByline(Document doc) {
    String byl = meta(doc, "byl");
    if (byl != null) {
      return byl.replaceFirst("(?i)^by\\s+", "");
    }
    String author = first(meta(doc, "author"), meta(doc, "article:author"), meta(doc, "dc.creator"));
    return author == null || author.startsWith("http") ? null : author;
  }

  private static String markupByline(Document doc) {
    Element e = doc.selectFirst("[rel=author], [itemprop=author] [itemprop=name], [itemprop=author], .byline, .author-name");
    if (e == null) {
      return null;
    }
    String t = e.text().strip().replaceFirst("(?i)^by\\s+", "");
    return t.isEmpty() || t.length() > 100 ? null : t;
  }

  private static String h1(Document doc) {
    Element h1 = doc.selectFirst("article h1, main h1, h1");
    return h1 == null || h1.text().isBlank() ? null : h1.text();
  }

  /** The title tag without a " | Site" or " - Site" suffix. */
  private static String pageTitle(Document doc, String siteName) {
    String t = doc.title();
    if (t == null || t.isBlank()) {
      return null;
    }
    for (String sep : new String[] {" | ", " - ", " – ", " — ", " :: "}) {
      int i = t.lastIndexOf(sep);
      if (i > 0) {
        String tail = t.substring(i + sep.length()).strip();
        if ((siteName != null && tail.equalsIgnoreCase(siteName)) || tail.split(" ").length <= 3) {
          return t.substring(0, i).strip();
        }
      }
    }
    return t.strip();
  }

  static String meta(Document doc, String key) {
    Element e = doc.selectFirst("meta[property=" + key + "][content], meta[name=" + key + "][content]");
    return e == null || e.attr("content").isBlank() ? null : e.attr("content").strip();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      return v.isEmpty() ? null : v.get(0).asText();
    }
    return v.isValueNode() ? v.asText() : null;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = org.jsoup.parser.Parser.unescapeEntities(s, false).replaceAll("\\s+", " ").strip();
    return t.isEmpty() ? null : t;
  }
}
