package io.newsline.ingest.html;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Finds a page's main text, readability style: strip page furniture by tag, role and class name,
 * score each paragraph's parent and grandparent by text length and commas (less for link-heavy and
 * furniture-named containers), take the best container and its siblings of similar score, and
 * read their paragraphs, sub-headings, list items and quotes in document order. Mutates the document.
 */
final class ContentExtractor {
  private static final String FURNITURE_TAGS =
      "script, style, noscript, template, iframe, svg, canvas, form, button, input, select, textarea, nav, aside, footer,"
          + " header, dialog, figcaption, [role=navigation], [role=banner], [role=contentinfo], [role=complementary],"
          + " [role=dialog], [role=alertdialog], [aria-hidden=true], [hidden]";
  /** Class/id words of blocks that are never the article, whatever their size (comment threads are long). */
  private static final Set<String> ALWAYS_FURNITURE =
      Set.of("comment", "comments", "disqus", "discussion", "replies", "related", "outbrain", "taboola", "newsletter",
          "share", "sharing", "social", "paywall", "advert", "advertisement", "ad", "ads", "adslot", "sponsored",
          "sponsor", "promo", "cookie", "consent", "subscribe", "subscription", "recommended", "recommendations",
          "mostread", "trending", "membership", "signup", "donate", "donation");
  /** Class/id words of blocks that are usually furniture, unless they hold most of the page's text. */
  private static final Set<String> USUALLY_FURNITURE =
      Set.of("nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "footer", "sidebar", "widget", "popup", "modal",
          "banner", "masthead", "toolbar", "tags", "bio", "cta", "rail", "header", "meta", "teaser", "skip", "print");
  private static final Set<String> POSITIVE =
      Set.of("article", "body", "content", "main", "story", "entry", "post", "text", "prose", "blog", "news");
  private static final String BLOCKS = "p, h2, h3, h4, h5, h6, li, blockquote, pre, dd";
  private static final int MIN_PARAGRAPH = 25;
  /**
   * Scoring looks at containers' whole subtrees; on a pathological page (deep nesting, hundreds of
   * thousands of elements) that is quadratic, so such pages are read as plain text instead.
   */
  static final int MAX_ELEMENTS = 50_000;

  private ContentExtractor() {}

  /** The main text's blocks, one string per paragraph, heading or list item. */
  static List<String> extract(Document doc) {
    Element body = doc.body();
    if (body == null) {
      return List.of();
    }
    body.select(FURNITURE_TAGS).remove();
    if (body.getAllElements().size() > MAX_ELEMENTS) {
      return blockLines(body);
    }
    int total = Math.max(1, body.text().length());
    for (Element e : body.select("[class], [id]")) {
      if (e.parent() != null && isFurniture(e, total)) {
        e.remove();
      }
    }
    Element top = topCandidate(body);
    List<Element> roots = top == null ? List.of(body) : withSiblings(top);
    List<String> out = new ArrayList<>();
    for (Element root : roots) {
      read(root, out);
    }
    return out;
  }

  private static boolean isFurniture(Element e, int totalText) {
    List<String> words = classWords(e);
    if (words.isEmpty()) {
      return false;
    }
    boolean positive = words.stream().anyMatch(POSITIVE::contains);
    if (words.stream().anyMatch(ALWAYS_FURNITURE::contains)) {
      return !positive || e.text().length() < totalText / 5;
    }
    return words.stream().anyMatch(USUALLY_FURNITURE::contains) && !positive && e.text().length() < totalText * 3 / 10;
  }

  private static List<String> classWords(Element e) {
    String s = (e.id() + " " + e.className()).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String w : s.split("[^a-z0-9]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    // "most-read" and "ad-slot" also as one word
    String joined = s.replaceAll("[^a-z0-9 ]", "");
    for (String w : joined.split(" ")) {
      if (!w.isEmpty() && !out.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private static Element topCandidate(Element body) {
    Map<Element, Double> scores = new IdentityHashMap<>();
    for (Element p : body.select("p, pre, blockquote, td")) {
      String text = p.text();
      if (text.length() < MIN_PARAGRAPH) {
        continue;
      }
      double score = 1 + commas(text) + Math.min(3, text.length() / 100);
      Element parent = p.parent();
      if (parent == null) {
        continue;
      }
      scores.merge(parent, score + initialScore(parent, scores), Double::sum);
      Element grand = parent.parent();
      if (grand != null) {
        scores.merge(grand, score / 2 + initialScore(grand, scores), Double::sum);
      }
    }
    Element best = null;
    double bestScore = 0;
    for (Map.Entry<Element, Double> e : scores.entrySet()) {
      double s = e.getValue() * (1 - linkDensity(e.getKey()));
      e.setValue(s);
      if (s > bestScore) {
        best = e.getKey();
        bestScore = s;
      }
    }
    if (best != null) {
      best.attr("data-newsline-score", String.valueOf(bestScore));
      for (Map.Entry<Element, Double> e : scores.entrySet()) {
        e.getKey().attr("data-newsline-score", String.valueOf(e.getValue()));
      }
    }
    return best;
  }

  /** A container's own weight, counted once: its tag and its class words. */
  private static double initialScore(Element e, Map<Element, Double> scores) {
    if (scores.containsKey(e)) {
      return 0;
    }
    double s = switch (e.tagName()) {
      case "article" -> 10;
      case "main", "section" -> 5;
      case "div" -> 5;
      case "pre", "td", "blockquote" -> 3;
      case "ol", "ul", "dl", "dd", "dt", "li", "address" -> -3;
      case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
      default -> 0;
    };
    List<String> words = classWords(e);
    if (words.stream().anyMatch(POSITIVE::contains)) {
      s += 25;
    }
    if (words.stream().anyMatch(w -> ALWAYS_FURNITURE.contains(w) || USUALLY_FURNITURE.contains(w))) {
      s -= 25;
    }
    return s;
  }

  /** The best container plus siblings that score close to it or read like prose (multi-part bodies). */
  private static List<Element> withSiblings(Element top) {
    Element parent = top.parent();
    if (parent == null) {
      return List.of(top);
    }
    double topScore = score(top);
    double threshold = Math.max(10, topScore * 0.2);
    List<Element> out = new ArrayList<>();
    for (Element sibling : parent.children()) {
      if (sibling == top) {
        out.add(sibling);
        continue;
      }
      String text = sibling.text();
      boolean prose = sibling.tagName().equals("p")
          && ((text.length() > 80 && linkDensity(sibling) < 0.25)
              || (text.length() > 0 && linkDensity(sibling) == 0 && text.matches(".*\\.( |$).*")));
      if (score(sibling) >= threshold || prose) {
        out.add(sibling);
      }
    }
    return out;
  }

  private static double score(Element e) {
    String s = e.attr("data-newsline-score");
    return s.isEmpty() ? 0 : Double.parseDouble(s);
  }

  /** Blocks in document order; a block holding other blocks (a blockquote of paragraphs) gives way to them. */
  private static void read(Element root, List<String> out) {
    Elements blocks = root.is(BLOCKS) ? new Elements(root) : new Elements();
    blocks.addAll(root.select(BLOCKS));
    for (Element b : blocks) {
      if (!b.select(BLOCKS).stream().allMatch(x -> x == b)) {
        continue; // its inner blocks are read on their own
      }
      if (b.tagName().equals("li") && linkDensity(b) > 0.5) {
        continue; // a list of links: navigation or "related", not text
      }
      if (b.tagName().equals("p") && linkDensity(b) > 0.6) {
        continue;
      }
      String t = b.text().strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    if (blocks.isEmpty()) {
      // a page of bare text in divs and line breaks
      for (String line : root.wholeText().split("\n")) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
    }
  }

  /** The text of a subtree with a line break at every block boundary, in one linear walk. */
  private static List<String> blockLines(Element root) {
    StringBuilder sb = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          sb.append(t.text());
        } else if (node instanceof Element e && e.isBlock()) {
          sb.append('\n');
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && e.isBlock()) {
          sb.append('\n');
        }
      }
    }, root);
    List<String> out = new ArrayList<>();
    for (String line : sb.toString().split("\n")) {
      String l = line.strip();
      if (!l.isEmpty()) {
        out.add(l);
      }
    }
    return out;
  }

  private static int commas(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == ',') {
        n++;
      }
    }
    return n;
  }

  private static double linkDensity(Element e) {
    int len = e.text().length();
    if (len == 0) {
      return 0;
    }
    int links = 0;
    for (Element a : e.select("a")) {
      links += a.text().length();
    }
    return Math.min(1, (double) links / len);
  }
}
