package io.newsline.ingest.feed;

import io.newsline.common.Hashing;
import io.newsline.ingest.ByteOrderMark;
import io.newsline.ingest.Dates;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.Urls;
import io.newsline.ingest.fetch.Charsets;
import io.newsline.ingest.fetch.FetchException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;

/**
 * RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 to {@link Feed}, on {@link SecureXml}: DTDs
 * refused, so no external entities and no entity expansion. Relative links are resolved against
 * the feed URL; HTML in titles is reduced to text. Plain Java, thread-safe.
 */
public final class FeedParser {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

  private FeedParser() {}

  /**
   * Parses a feed body, decoded strictly: a byte-order mark decides the encoding, else the HTTP
   * Content-Type's charset, else the XML declaration. Items holding bytes not valid UTF-8 come
   * with their {@link FeedItem#damage()}; see {@link FeedDamage} for when the whole feed fails.
   */
  public static Feed parse(byte[] body, String httpCharset, String feedUrl) {
    // decoded here, strictly, so bad bytes give our error (the JDK parser would also print to stderr)
    FeedDamage damage = FeedDamage.decode(body, Charsets.charset(httpCharset != null ? httpCharset : xmlEncoding(body), feedUrl), feedUrl);
    XmlNode root;
    try {
      root = SecureXml.parse(damage.text(), feedUrl);
    } catch (FetchException e) {
      // invalid bytes in the markup itself (a tag name): the encoding is the first fault
      throw damage.any() && e.reason() == IngestError.XML_MALFORMED ? damage.failsTheFeed("") : e;
    }
    URI base = base(feedUrl);
    return switch (root.name) {
      case "rss" -> rss(root, root.child("channel"), root.children("item"), "rss2", base, feedUrl, damage);
      case "RDF" -> rss(root, root.child("channel"), root.children("item"), "rss1", base, feedUrl, damage);
      case "feed" -> atom(root, base, damage);
      default -> throw new FetchException(IngestError.NOT_A_FEED,
          feedUrl + ": root element <" + root.name + "> is not RSS, RDF or Atom");
    };
  }

  private static final java.util.regex.Pattern XML_DECL_ENCODING =
      java.util.regex.Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

  /** The encoding of an XML document from its byte-order mark or declaration; UTF-8 by default (XML 1.0, 4.3.3). */
  static String xmlEncoding(byte[] b) {
    ByteOrderMark bom = ByteOrderMark.of(b);
    if (bom != null) {
      return bom.charset().name();
    }
    String head = new String(b, 0, Math.min(b.length, 256), java.nio.charset.StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = XML_DECL_ENCODING.matcher(head);
    return m.find() ? m.group(1) : "UTF-8";
  }

  private static Feed rss(XmlNode root, XmlNode channel, List<XmlNode> outerItems, String format, URI base, String feedUrl,
      FeedDamage damage) {
    if (channel == null) {
      throw new FetchException(IngestError.NOT_A_FEED, feedUrl + ": RSS document without a <channel>");
    }
    List<XmlNode> itemNodes = new ArrayList<>(channel.children("item"));
    itemNodes.addAll(outerItems); // RSS 1.0 puts items next to the channel
    damage.check(root, itemNodes);
    List<FeedItem> items = new ArrayList<>();
    for (XmlNode i : itemNodes) {
      String link = resolve(base, firstText(i.child("link"), null));
      XmlNode guid = i.child("guid");
      String about = i.attributes.get("rdf:about");
      String id = firstText(guid, about != null ? about : link);
      if (guid != null && link == null && !"false".equalsIgnoreCase(guid.attributes.get("isPermaLink"))) {
        link = resolve(base, guid.text().strip()); // null for a "urn:..." guid: an id, not a page to fetch
      }
      String title = plain(firstText(i.child("title"), null));
      String summary = firstText(i.child("description"), null);
      String content = firstText(i.child("encoded", CONTENT), null);
      String date = firstText(i.child("pubDate"), firstText(i.child("date", DC), null));
      String author = firstText(i.child("creator", DC), firstText(i.child("author"), null));
      List<String> categories = new ArrayList<>();
      i.children("category").forEach(c -> categories.add(c.text().strip()));
      i.children("subject").forEach(c -> categories.add(c.text().strip()));
      items.add(damage.of(i, new FeedItem(idOf(id, link, title, summary), link, title, summary, content, Dates.parse(date), author,
          categories, null)));
    }
    return new Feed(format, plain(firstText(channel.child("title"), null)), firstText(channel.child("link"), null),
        language(firstText(channel.child("language"), firstText(channel.child("language", DC), null))), items);
  }

  private static Feed atom(XmlNode feed, URI feedBase, FeedDamage damage) {
    URI base = xmlBase(feed, feedBase);
    List<FeedItem> items = new ArrayList<>();
    damage.check(feed, feed.children("entry"));
    for (XmlNode e : feed.children("entry")) {
      URI entryBase = xmlBase(e, base);
      String link = resolve(entryBase, alternateLink(e));
      String title = atomText(e.child("title"), true);
      String summary = atomText(e.child("summary"), false);
      XmlNode contentNode = e.child("content");
      String content = contentNode == null || contentNode.attributes.containsKey("src") ? null : atomText(contentNode, false);
      String date = firstText(e.child("published"), firstText(e.child("updated"), null));
      XmlNode author = e.child("author");
      String authorName = author == null ? null : firstText(author.child("name"), null);
      List<String> categories = new ArrayList<>();
      e.children("category").forEach(c -> categories.add(c.attributes.getOrDefault("label", c.attributes.getOrDefault("term", ""))));
      String id = firstText(e.child("id"), link);
      items.add(damage.of(e, new FeedItem(idOf(id, link, title, summary), link, title, summary, content, Dates.parse(date),
          authorName, categories, null)));
    }
    return new Feed("atom", atomText(feed.child("title"), true), resolve(base, alternateLink(feed)),
        language(feed.attributes.get("xml:lang")), items);
  }

  private static String alternateLink(XmlNode n) {
    String any = null;
    for (XmlNode l : n.children("link")) {
      String rel = l.attributes.getOrDefault("rel", "alternate");
      String type = l.attributes.getOrDefault("type", "text/html");
      if (rel.equals("alternate") && type.contains("html")) {
        return l.attributes.get("href");
      }
      if (any == null && rel.equals("alternate")) {
        any = l.attributes.get("href");
      }
    }
    return any;
  }

  /** Atom text constructs: type text, html (escaped markup) or xhtml (inline markup). */
  private static String atomText(XmlNode n, boolean asPlainText) {
    if (n == null) {
      return null;
    }
    String type = n.attributes.getOrDefault("type", "text");
    String value = type.equals("xhtml") ? n.innerXml().strip() : n.text().strip();
    if (value.isEmpty()) {
      return null;
    }
    if (asPlainText) {
      return type.equals("text") ? value.replaceAll("\\s+", " ") : plain(value);
    }
    return value;
  }

  private static URI xmlBase(XmlNode n, URI parent) {
    String b = n.attributes.get("xml:base");
    if (b == null) {
      return parent;
    }
    try {
      return parent == null ? new URI(b) : parent.resolve(new URI(b));
    } catch (Exception e) {
      return parent;
    }
  }

  private static URI base(String url) {
    try {
      return url == null ? null : new URI(url);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * The link resolved against the base, when that gives an http(s) URL; else null, as if the feed
   * had none: "javascript:", "file:" (an xml:base of file:///etc/ made a link file:/etc/passwd), "urn:"
   * and links that are no URL are not pages to fetch nor addresses to publish.
   */
  private static String resolve(URI base, String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      URI u = new URI(link.strip());
      String resolved = u.isAbsolute() || base == null ? u.toString() : base.resolve(u).toString();
      return Urls.isWeb(resolved) ? resolved : null;
    } catch (Exception e) {
      return null;
    }
  }

  /** HTML (or entity-laden text) to one line of plain text. */
  static String plain(String html) {
    if (html == null) {
      return null;
    }
    String t = html.indexOf('<') >= 0 || html.indexOf('&') >= 0 ? Jsoup.parse(html).text() : html;
    t = t.replaceAll("\\s+", " ").strip();
    return t.isEmpty() ? null : t;
  }

  private static String firstText(XmlNode n, String fallback) {
    if (n == null) {
      return fallback;
    }
    String t = n.text().strip();
    return t.isEmpty() ? fallback : t;
  }

  private static String idOf(String id, String link, String title, String summary) {
    if (id != null && !id.isBlank()) {
      return id.strip();
    }
    if (link != null) {
      return link;
    }
    return "sha256:" + Hashing.shortId(String.valueOf(title) + "\n" + summary, 32);
  }

  private static String language(String lang) {
    if (lang == null || lang.isBlank()) {
      return null;
    }
    String p = lang.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
    return p.matches("[a-z]{2,3}") ? p : null;
  }
}
