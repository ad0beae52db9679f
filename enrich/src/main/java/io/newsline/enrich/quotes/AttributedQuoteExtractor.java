package io.newsline.enrich.quotes;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.model.Field;
import io.newsline.enrich.model.Quote;
import java.util.ArrayList;
import java.util.List;

/**
 * Direct quotes with their speakers, by rules over the reporting clause. A passage in quotation
 * marks is a quote of X when
 * <ol>
 *   <li>a verb of saying precedes it in the sentence, and X is that verb's subject: Ushakov told
 *       reporters "…" / Ushakov noted that … "…" (a partial quote) / Ushakov referred to it as "…";
 *       a participle or a coordinated verb ("calling it "a mess"", "and insisted "…"") takes the
 *       sentence's first speaker;</li>
 *   <li>or a reporting clause follows it: "…," Ushakov said / said Ushakov / he said / the aide said;</li>
 *   <li>or it opens the sentence right after a quote of X: a quote continued after "he said".</li>
 * </ol>
 * Pronouns (he/she) go to the last person who spoke within three sentences, descriptions ("the
 * Kremlin aide") to the person introduced with that title. Passages with no reporting clause are
 * kept with a null speaker when they are four words or longer, and dropped when shorter: those are
 * scare quotes and names, not speech. Deterministic and thread-safe.
 */
public final class AttributedQuoteExtractor implements QuoteExtractor {
  private static final int AFTER_REACH = 7;
  private static final int MIN_UNATTRIBUTED_WORDS = 4;

  @Override
  public String version() {
    return "attributed-2";
  }

  @Override
  public List<Quote> extract(ArticleText article, List<Entity> entities) {
    List<Quote> out = new ArrayList<>();
    for (Field field : List.of(Field.TITLE, Field.TEXT)) {
      String s = article.field(field);
      if (s.indexOf('"') < 0 && s.indexOf('\u201c') < 0 && s.indexOf('\u2018') < 0 && s.indexOf('\u201e') < 0
          && s.indexOf('\'') < 0) {
        continue;
      }
      extract(new FieldText(s, field, entities), out);
    }
    return out;
  }

  private void extract(FieldText f, List<Quote> out) {
    SpeakerResolver resolver = new SpeakerResolver(f);
    rememberReportingVerbs(f, resolver);
    Speaker previous = null;
    int previousSentence = -2;
    for (QuoteSpans.Passage p : f.passages) {
      int open = f.tokenAt(p.open());
      int close = f.tokenAt(p.close());
      if (open >= f.size() || close >= f.size()) {
        continue;
      }
      Speaker sp = reportedBefore(f, resolver, open);
      if (sp == null) {
        sp = reportedAfter(f, resolver, close);
      }
      if (sp == null && previous != null && open == f.sentenceFirst(open)
          && f.sentence[open] - previousSentence <= 1) {
        sp = previous;
      }
      if (sp == null && words(f, p) < MIN_UNATTRIBUTED_WORDS) {
        continue;
      }
      resolver.remember(sp, open);
      out.add(new Quote(sp == null ? null : sp.id(), sp == null ? null : sp.name(),
          f.text.substring(p.contentStart(), p.contentEnd()), p.contentStart(), p.contentEnd(), f.field));
      previous = sp != null && sp.entity() != null ? sp : null;
      previousSentence = f.sentence[close];
    }
  }

  /** Resolves the subjects of reporting verbs outside quotes in order, so pronouns can follow them. */
  private static void rememberReportingVerbs(FieldText f, SpeakerResolver resolver) {
    for (int i = 0; i < f.size(); i++) {
      if (!f.quoted[i] && SpeechCues.VERBS.contains(f.form(i))) {
        Speaker s = resolver.subjectOf(i);
        resolver.remember(s == null ? resolver.after(i) : s, i);
      }
    }
  }

  /** "…," Ushakov said / said Ushakov / he told reporters / according to Ushakov / "…": Ushakov. */
  private static Speaker reportedAfter(FieldText f, SpeakerResolver resolver, int close) {
    int end = f.sentenceEnd(close);
    int k = close + 1;
    if (k < end && (f.form(k).equals(",") || f.form(k).equals(":") || f.form(k).equals("-"))) {
      String mark = f.form(k);
      k++;
      if (!mark.equals(",") && k < end && f.speakerMentionEndsAt(f.mentionLast[k]) && f.entity[k] != null) {
        return Speaker.of(f.entity[k]);
      }
    }
    for (int v = k; v < end && v < k + AFTER_REACH && !f.quoted[v]; v++) {
      String w = f.form(v);
      if (!Character.isLetter(w.charAt(0))) {
        return null;
      }
      if (SpeechCues.VERBS.contains(w) || w.equals("according")) {
        if (SpeechCues.isParticiple(w)) {
          // "…," adding that …: the participle's subject is the sentence's speaker
          return v == k ? mainSpeaker(f, resolver, f.sentenceFirst(close)) : null;
        }
        return v == k ? resolver.after(v) : resolver.subjectOf(v);
      }
    }
    return null;
  }

  /** The nearest verb of saying before the quote in its sentence, and its subject. */
  private static Speaker reportedBefore(FieldText f, SpeakerResolver resolver, int open) {
    int first = f.sentenceFirst(open);
    for (int v = open - 1; v >= first; v--) {
      String w = f.form(v);
      if (f.quoted[v] || !SpeechCues.VERBS.contains(w) && !w.equals("according")
          || SpeechCues.AFTER_ONLY.contains(w)) {
        continue;
      }
      Speaker s = SpeechCues.isParticiple(w) || resolver.isCoordinated(v) ? null : resolver.subjectOf(v);
      if (s == null && !SpeechCues.isParticiple(w) && !resolver.isCoordinated(v)) {
        s = resolver.after(v);
      }
      return s != null ? s : mainSpeaker(f, resolver, first);
    }
    return null;
  }

  /** The first speaker of a reporting verb anywhere in the sentence (outside quotes). */
  private static Speaker mainSpeaker(FieldText f, SpeakerResolver resolver, int first) {
    int end = f.sentenceEnd(first);
    for (int v = first; v < end; v++) {
      if (!f.quoted[v] && SpeechCues.VERBS.contains(f.form(v)) && !SpeechCues.isParticiple(f.form(v))) {
        Speaker s = resolver.subjectOf(v);
        if (s != null) {
          return s;
        }
      }
    }
    return null;
  }

  private static int words(FieldText f, QuoteSpans.Passage p) {
    int n = 0;
    for (int i = f.tokenAt(p.contentStart()); i < f.size() && f.toks.get(i).end() <= p.contentEnd(); i++) {
      n += f.toks.get(i).isWord() ? 1 : 0;
    }
    return n;
  }
}
