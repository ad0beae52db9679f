package io.newsline.enrich.ner;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.ner.ArticleLayout.Placed;
import io.newsline.enrich.ner.tagger.DocumentTagger;
import io.newsline.enrich.ner.tagger.FeatureExtractor;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.ner.tagger.NerResources;
import io.newsline.enrich.ner.tagger.TaggerModel;
import io.newsline.enrich.ner.tagger.WordClusters;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The default entity extractor: the article laid out without its page furniture
 * ({@link ArticleLayout}), a BILOU averaged-perceptron tagger trained on CoNLL-2003 with gazetteer,
 * word-cluster and document-level features ({@link DocumentTagger}), Title Case headings checked
 * ({@link HeadingFilter}), missed repeats of names added ({@link NamePropagation}), then alias
 * resolution and salience ({@link EntityAssembler}). Immutable and thread-safe; load it once
 * ({@link #shared()}) and share it. See docs/ner.md.
 */
public final class PerceptronEntityExtractor implements EntityExtractor {
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
    Map<String, String> nicknames = new HashMap<>();
    return EntityAssembler.assemble(mentions(article, nicknames), nicknames);
  }

  /** Tagged mentions in document order, title first, before grouping. */
  List<RawMention> mentions(ArticleText article) {
    return mentions(article, new HashMap<>());
  }

  /**
   * Tagged mentions in document order, title first, before grouping; nicknames receives the
   * folded key of each nickname in quotes or short name in brackets after a name, mapped to that
   * name.
   */
  private List<RawMention> mentions(ArticleText article, Map<String, String> nicknames) {
    ArticleLayout layout = ArticleLayout.of(article);
    List<int[]> labels = tagger.tag(layout.sentences);
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      for (int[] nick : SpanRepair.apply(p.tokens(), labels.get(s), p.kind(), gazetteer)) {
        String nickname = p.source().substring(p.tokens().get(nick[0]).start(), p.tokens().get(nick[1] - 1).end());
        String name = p.source().substring(p.tokens().get(nick[2]).start(), p.tokens().get(nick[3] - 1).end());
        nicknames.putIfAbsent(KnownEntities.key(nickname), name);
      }
    }
    PossessiveNames.apply(layout, labels);
    ListHeadings.apply(layout, labels);
    KindNouns.apply(layout, labels, gazetteer);
    OwnedPlaces.apply(layout, labels, gazetteer);
    PressDigest.apply(layout, labels, gazetteer);
    ColumnLabels.apply(layout, labels);
    int[] ownTypeEnd = FixtureLines.apply(layout, labels, gazetteer);
    int[] scoresEnd = ScoreLines.apply(layout, labels, gazetteer);
    int[] datelineEnd = Datelines.cityEnds(layout, gazetteer);
    List<HeadingFilter.Candidate> found = new ArrayList<>();
    for (int s = 0; s < labels.size(); s++) {
      Placed p = layout.placed.get(s);
      int[] y = labels.get(s);
      boolean heading = p.kind() == LineKind.TITLE_CASE && (p.field() == Field.TITLE || isHeading(p, y));
      int begin = -1;
      for (int i = 0; i < y.length; i++) {
        if (y[i] == Labels.O) {
          if (isPlatformX(p.tokens(), i)) {
            Token t = p.tokens().get(i);
            RawMention m = RawMention.of(p.field(), t.start(), t.end(), t.text(), EntityType.ORGANIZATION, p.lead());
            found.add(candidate(m, p, i, i + 1, false));
          }
          continue;
        }
        int part = Labels.part(y[i]);
        if (part == 0 || part == 3) {
          begin = i;
        }
        if ((part == 2 || part == 3) && begin >= 0) {
          EntityType type = Labels.TYPES[Labels.type(y[i])];
          Token first = p.tokens().get(begin);
          Token last = p.tokens().get(i);
          // "Anwar-led", "post-Geneva": the name without the modifier. Tagged MISC (as CoNLL does),
          // the modifier word is no entity at all: "U.S.-backed" is not a second United States.
          int start = SpanRepair.nameStart(first.text(), first.start());
          int end = SpanRepair.nameEnd(last.text(), last.end());
          boolean modifier = start != first.start() || end != last.end();
          String name = end > start ? p.source().substring(start, end) : "";
          if (hasLetterOrDigit(name) && !(modifier && type == EntityType.MISC)) {
            RawMention m = RawMention.of(p.field(), start, end, name, type, p.lead());
            if (begin == 0 && i + 1 == datelineEnd[s]) {
              m = m.asPlaceVotingAsTagged();
            } else if (begin < ownTypeEnd[s]) {
              m = m.withOwnType();
            } else if (begin < scoresEnd[s] && type == EntityType.ORGANIZATION) {
              m = m.withOwnType();
            }
            found.add(candidate(m, p, begin, i + 1, heading));
          }
          begin = -1;
        }
      }
    }
    List<RawMention> out = new ArrayList<>(found.size());
    HeadingFilter.apply(found, gazetteer, out);
    NamePropagation.apply(layout, labels, gazetteer, out);
    Set<String> things = DefinedAcronyms.of(layout);
    if (!things.isEmpty()) {
      out.removeIf(m -> things.contains(m.text()));
    }
    out.sort(Comparator.comparing(RawMention::field).thenComparingInt(RawMention::start));
    return out;
  }

  /**
   * A Title Case sentence of the text reads as a heading (rather than a list of names) when it has
   * no digits and the tagger left some capitalised common word outside any name; in a sentence that
   * ends with a full stop, as headings do not, the first word does not count, since every sentence
   * opens with a capital ("Did not bat: R. Croft, D. Gough, D. Headley." is a list of names).
   */
  private boolean isHeading(Placed p, int[] y) {
    boolean commonWordOutside = false;
    boolean fullStop = y.length > 1 && p.tokens().get(y.length - 1).text().equals(".");
    for (int i = 0; i < y.length; i++) {
      String w = p.tokens().get(i).text();
      for (int k = 0; k < w.length(); k++) {
        if (Character.isDigit(w.charAt(k))) {
          return false;
        }
      }
      if ((i > 0 || !fullStop) && y[i] == Labels.O && w.length() >= 3 && Character.isUpperCase(w.charAt(0))
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
      Token t = p.tokens().get(k);
      starts[k - from] = Math.max(t.start(), m.start());
      ends[k - from] = Math.min(t.end(), m.end());
      words[k - from] = p.source().substring(starts[k - from], ends[k - from]);
    }
    return new HeadingFilter.Candidate(m, words, starts, ends, heading);
  }

  private static final Set<String> BEFORE_PLATFORM = Set.of(
      "on", "to", "via", "from", "joined", "left", "quit", "banned", "platform", "rival");

  /**
   * "X", the social network, as in "posted on X" or "X, formerly Twitter": a single letter the
   * 1996-trained tagger never takes for a name.
   */
  static boolean isPlatformX(List<Token> tokens, int i) {
    if (!tokens.get(i).text().equals("X")) {
      return false;
    }
    String before = i > 0 ? tokens.get(i - 1).text().toLowerCase(Locale.ROOT) : "";
    String after = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
    String after2 = i + 2 < tokens.size() ? tokens.get(i + 2).text().toLowerCase(Locale.ROOT) : "";
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
}
