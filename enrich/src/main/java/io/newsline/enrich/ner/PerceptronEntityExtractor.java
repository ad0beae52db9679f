package io.newsline.enrich.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.ner.tagger.DocumentTagger;
import io.newsline.enrich.ner.tagger.DocumentTagger.Sentence;
import io.newsline.enrich.ner.tagger.FeatureExtractor;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.ner.tagger.NerResources;
import io.newsline.enrich.ner.tagger.TaggerModel;
import io.newsline.enrich.ner.tagger.WordClusters;
import io.newsline.enrich.text.Sentences;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The default entity extractor: a BILOU averaged-perceptron tagger trained on CoNLL-2003 with
 * gazetteer, word-cluster and document-level features, then alias resolution and salience
 * ({@link EntityAssembler}). Boilerplate lines are skipped. Immutable and thread-safe; load it once
 * ({@link #shared()}) and share it.
 */
public final class PerceptronEntityExtractor implements EntityExtractor {
  /** Mentions in the first this-many sentences of the text count as the lead for salience. */
  private static final int LEAD_SENTENCES = 3;
  private final DocumentTagger tagger;
  private final Gazetteer gazetteer;
  private final String version;

  public PerceptronEntityExtractor(TaggerModel model, Gazetteer gazetteer, WordClusters clusters) {
    this.gazetteer = gazetteer;
    this.tagger = new DocumentTagger(model, new FeatureExtractor(gazetteer, clusters));
    this.version = "perceptron-ner-1 (" + model.features() + " features)";
  }

  private static final class Shared {
    static final PerceptronEntityExtractor INSTANCE = new PerceptronEntityExtractor(
        NerResources.model(), Gazetteer.load(), NerResources.clusters());
  }

  /** The extractor with the bundled model, loaded on first use. */
  public static PerceptronEntityExtractor shared() {
    return Shared.INSTANCE;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public List<Entity> extract(ArticleText article) {
    return EntityAssembler.assemble(mentions(article));
  }

  /** Tagged mentions in document order, title first, before grouping. */
  List<RawMention> mentions(ArticleText article) {
    Layout layout = new Layout();
    if (article.title() != null && !article.title().isBlank()) {
      layout.addLine(Field.TITLE, article.title(), 0, article.title().length());
    }
    String text = article.text();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      if (lineEnd > lineStart && !Boilerplate.isBoilerplate(text.substring(lineStart, lineEnd))) {
        layout.addLine(Field.TEXT, text, lineStart, lineEnd);
      }
      lineStart = lineEnd + 1;
    }
    List<int[]> labels = tagger.tag(layout.sentences);
    List<HeadingFilter.Candidate> found = new ArrayList<>();
    int textSentence = 0;
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      int[] y = labels.get(s);
      boolean lead = p.field == Field.TEXT && textSentence++ < LEAD_SENTENCES;
      boolean heading = p.kind == LineKind.TITLE_CASE && (p.field == Field.TITLE || isHeading(p, y));
      int begin = -1;
      for (int i = 0; i < y.length; i++) {
        if (y[i] == Labels.O) {
          if (isPlatformX(p.tokens, i)) {
            Token t = p.tokens.get(i);
            RawMention m = RawMention.of(p.field, t.start(), t.end(), t.text(), EntityType.ORGANIZATION, lead);
            found.add(candidate(m, p, i, i + 1, false));
          }
          continue;
        }
        int part = Labels.part(y[i]);
        if (part == 0 || part == 3) {
          begin = i;
        }
        if ((part == 2 || part == 3) && begin >= 0) {
          int start = p.tokens.get(begin).start();
          int end = p.tokens.get(i).end();
          String name = p.source.substring(start, end);
          if (hasLetterOrDigit(name)) {
            RawMention m = RawMention.of(p.field, start, end, name, Labels.TYPES[Labels.type(y[i])], lead);
            found.add(candidate(m, p, begin, i + 1, heading));
          }
          begin = -1;
        }
      }
    }
    List<RawMention> out = new ArrayList<>(found.size());
    HeadingFilter.apply(found, gazetteer, out);
    propagate(layout, labels, out);
    out.sort(java.util.Comparator.comparing(RawMention::field).thenComparingInt(RawMention::start));
    return out;
  }

  /**
   * A name found somewhere in the article is a name wherever else it is written the same way
   * (capitalised), as is the surname of a person named in full: "Musk" in a headline once the text
   * has "Elon Musk"; so is a curated name. Adds those the tagger left out.
   */
  private void propagate(Layout layout, List<int[]> labels, List<RawMention> found) {
    java.util.Map<String, EntityType> names = new java.util.HashMap<>();
    for (RawMention m : found) {
      if (Character.isUpperCase(m.text().charAt(0)) && m.text().length() > 1) {
        names.putIfAbsent(m.text(), m.type());
        int space = m.text().lastIndexOf(' ');
        if (m.type() == EntityType.PERSON && space > 0) {
          String surname = m.text().substring(space + 1);
          if (surname.length() > 1 && Character.isUpperCase(surname.charAt(0))) {
            names.putIfAbsent(surname, EntityType.PERSON);
          }
        }
      }
    }
    java.util.Set<String> firstWords = new java.util.HashSet<>();
    for (String name : names.keySet()) {
      int space = name.indexOf(' ');
      firstWords.add(space < 0 ? name : name.substring(0, space));
    }
    java.util.Set<Long> taken = new java.util.HashSet<>();
    for (RawMention m : found) {
      taken.add(((long) m.field().ordinal() << 32) | m.start());
    }
    int textSentence = 0;
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      int[] y = labels.get(s);
      boolean lead = p.field == Field.TEXT && textSentence++ < LEAD_SENTENCES;
      for (int i = 0; i < y.length; i++) {
        Token first = p.tokens.get(i);
        if (y[i] != Labels.O || !Character.isUpperCase(first.text().charAt(0))) {
          continue;
        }
        if (!firstWords.contains(first.text())) {
          i += curated(p, y, i, lead, taken, found);
          continue;
        }
        for (int len = Math.min(6, y.length - i); len >= 1; len--) {
          if (y[i + len - 1] != Labels.O) {
            continue;
          }
          int end = p.tokens.get(i + len - 1).end();
          String text = p.source.substring(first.start(), end);
          EntityType type = names.get(text);
          if (type != null && allOutside(y, i, i + len)
              && taken.add(((long) p.field.ordinal() << 32) | first.start())) {
            found.add(RawMention.of(p.field, first.start(), end, text, type, lead));
            i += len - 1;
            break;
          }
        }
      }
    }
  }

  /**
   * A curated name ({@link KnownEntities}: "Zelensky", "Kremlin", "European Union") that the tagger
   * left out, starting at word i of a sentence not in ALL CAPS; a single word only if it is not a
   * common lower-case word too. Returns how many further words it covers.
   */
  private int curated(Placed p, int[] y, int i, boolean lead, java.util.Set<Long> taken, List<RawMention> found) {
    if (p.kind == LineKind.ALL_CAPS) {
      return 0;
    }
    for (int len = Math.min(4, y.length - i); len >= 1; len--) {
      if (!allOutside(y, i, i + len) || !Character.isUpperCase(p.tokens.get(i + len - 1).text().charAt(0))) {
        continue;
      }
      Token first = p.tokens.get(i);
      int end = p.tokens.get(i + len - 1).end();
      String text = p.source.substring(first.start(), end);
      if (text.length() < 2 || len == 1 && HeadingFilter.hasLowerCaseUse(text, gazetteer)) {
        continue;
      }
      KnownEntities.Known known = KnownEntities.get().lookup(text);
      if (known != null && taken.add(((long) p.field.ordinal() << 32) | first.start())) {
        found.add(RawMention.of(p.field, first.start(), end, text, known.type(), lead));
        return len - 1;
      }
    }
    return 0;
  }

  private static boolean allOutside(int[] y, int from, int to) {
    for (int k = from; k < to; k++) {
      if (y[k] != Labels.O) {
        return false;
      }
    }
    return true;
  }

  /**
   * A Title Case sentence of the text reads as a heading (rather than a list of names) when it has
   * no digits and the tagger left some capitalised common word outside any name.
   */
  private boolean isHeading(Placed p, int[] y) {
    boolean commonWordOutside = false;
    for (int i = 0; i < y.length; i++) {
      String w = p.tokens.get(i).text();
      for (int k = 0; k < w.length(); k++) {
        if (Character.isDigit(w.charAt(k))) {
          return false;
        }
      }
      if (y[i] == Labels.O && w.length() >= 3 && Character.isUpperCase(w.charAt(0))
          && HeadingFilter.isCommonWord(w, gazetteer)) {
        commonWordOutside = true;
      }
    }
    return commonWordOutside;
  }

  private static HeadingFilter.Candidate candidate(RawMention m, Placed p, int from, int to, boolean heading) {
    String[] words = new String[to - from];
    int[] starts = new int[to - from];
    int[] ends = new int[to - from];
    for (int k = from; k < to; k++) {
      Token t = p.tokens.get(k);
      words[k - from] = t.text();
      starts[k - from] = t.start();
      ends[k - from] = t.end();
    }
    return new HeadingFilter.Candidate(m, words, starts, ends, heading);
  }

  private static final java.util.Set<String> BEFORE_PLATFORM = java.util.Set.of(
      "on", "to", "via", "from", "joined", "left", "quit", "banned", "platform", "rival");

  /**
   * "X", the social network, as in "posted on X" or "X, formerly Twitter": a single letter the
   * 1996-trained tagger never takes for a name.
   */
  static boolean isPlatformX(List<Token> tokens, int i) {
    if (!tokens.get(i).text().equals("X")) {
      return false;
    }
    String before = i > 0 ? tokens.get(i - 1).text().toLowerCase(java.util.Locale.ROOT) : "";
    String after = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
    String after2 = i + 2 < tokens.size() ? tokens.get(i + 2).text().toLowerCase(java.util.Locale.ROOT) : "";
    return BEFORE_PLATFORM.contains(before) && !after.equals(".") || after2.equals("formerly")
        || after.equals("Corp") || after.equals("Corp.");
  }

  private static boolean hasLetterOrDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A sentence's tokens and where they come from. */
  private record Placed(Field field, String source, List<Token> tokens, LineKind kind) {}

  /** The article cut into lines, sentences and tokens, in reading order. */
  private static final class Layout {
    final List<Sentence> sentences = new ArrayList<>();
    final List<Placed> placed = new ArrayList<>();

    void addLine(Field field, String source, int from, int to) {
      List<Token> tokens = NerTokenizer.tokenize(source, from, to);
      if (tokens.isEmpty()) {
        return;
      }
      String[] words = new String[tokens.size()];
      for (int i = 0; i < words.length; i++) {
        words[i] = DocumentTagger.normalise(tokens.get(i).text());
      }
      LineKind kind = LineKind.of(words, 0, words.length);
      List<int[]> spans = Sentences.split(source.substring(from, to));
      int t = 0;
      for (int[] span : spans) {
        int spanEnd = from + span[1];
        int first = t;
        while (t < tokens.size() && tokens.get(t).start() < spanEnd) {
          t++;
        }
        add(field, source, tokens, words, first, t, kind);
      }
      add(field, source, tokens, words, t, tokens.size(), kind);
    }

    private void add(Field field, String source, List<Token> tokens, String[] words, int from, int to, LineKind kind) {
      if (to > from) {
        sentences.add(new Sentence(java.util.Arrays.copyOfRange(words, from, to), kind));
        placed.add(new Placed(field, source, tokens.subList(from, to), kind));
      }
    }
  }
}
