package io.newsline.enrich.quotes;

import java.util.Set;

/** Word lists that attribution rests on: verbs of saying, words between subject and verb, titles. */
final class SpeechCues {
  /** Verbs (all inflections) whose subject is the speaker of a nearby quote. */
  static final Set<String> VERBS =
      Set.of("say", "says", "said", "saying", "tell", "tells", "told", "telling", "state", "states",
          "stated", "stating", "add", "adds", "added", "adding", "note", "notes", "noted", "noting",
          "argue", "argues", "argued", "arguing", "claim", "claims", "claimed", "claiming", "insist",
          "insists", "insisted", "insisting", "warn", "warns", "warned", "warning", "stress",
          "stresses", "stressed", "stressing", "emphasize", "emphasizes", "emphasized", "emphasizing",
          "emphasise", "emphasises", "emphasised", "emphasising", "describe", "describes",
          "described", "describing", "call", "calls", "called", "calling", "refer", "refers",
          "referred", "referring", "characterize", "characterizes", "characterized",
          "characterizing", "characterise", "characterises", "characterised", "acknowledge",
          "acknowledges", "acknowledged", "acknowledging", "explain", "explains", "explained",
          "declare", "declares", "declared", "announce", "announces", "announced", "write", "writes",
          "wrote", "post", "posts", "posted", "tweet", "tweets", "tweeted", "ask", "asks", "asked",
          "reply", "replies", "replied", "respond", "responds", "responded", "comment", "comments",
          "commented", "suggest", "suggests", "suggested", "admit", "admits", "admitted", "pledge",
          "pledges", "pledged", "vow", "vows", "vowed", "promise", "promises", "promised", "urge",
          "urges", "urged", "caution", "cautions", "cautioned", "remark", "remarks", "remarked",
          "recall", "recalls", "recalled", "quip", "quipped", "conclude", "concluded", "continue",
          "continued", "speak", "speaking", "spoke", "agree", "agreed", "complain", "complained",
          "deny", "denied", "denies", "accuse", "accuses", "accused", "accusing", "predict", "predicted", "concede", "conceded");
  /** Verbs that only report speech after a quote ("...," he continued), not before it. */
  static final Set<String> AFTER_ONLY = Set.of("continue", "continued", "agree", "agreed");
  /** Words allowed between a subject and its verb: auxiliaries and adverbs. */
  static final Set<String> BETWEEN =
      Set.of("has", "have", "had", "was", "is", "will", "would", "later", "also", "then", "again",
          "previously", "earlier", "once", "did", "does", "do", "not", "reportedly", "publicly",
          "privately", "separately", "subsequently", "afterward", "afterwards", "recently", "further");
  static final Set<String> PRONOUNS = Set.of("he", "she");
  /** Heads of nominal speakers ("the Kremlin aide", "a spokesperson"), normalised by {@link #head}. */
  static final Set<String> TITLES =
      Set.of("aide", "adviser", "advisor", "spokes", "official", "minister", "president", "envoy",
          "chief", "secretary", "chancellor", "senator", "leader", "ambassador", "diplomat",
          "negotiator", "premier", "governor", "mayor", "general", "commander", "head", "director",
          "representative", "prosecutor", "lawyer", "attorney", "analyst", "expert", "source",
          "lawmaker",
          "chairman", "chairwoman", "chair", "ceo", "founder", "coordinator", "counsellor", "counselor");
  /** Plural heads: a group speaks ("Russian officials"), never one person of the article. */
  static final Set<String> GROUPS =
      Set.of("officials", "sources", "spokesmen", "diplomats", "analysts", "experts", "lawmakers",
          "critics", "observers", "leaders", "negotiators", "ministers", "aides", "authorities");
  static final Set<String> DETERMINERS = Set.of("the", "a", "an", "this", "that", "his", "her", "its", "their");

  private SpeechCues() {}

  /** Title head with spokesman/spokeswoman/spokesperson folded together. */
  static String head(String word) {
    if (word.startsWith("spokes") && !word.equals("spokesmen")) {
      return "spokes";
    }
    if (word.equals("advisor")) {
      return "adviser";
    }
    return word;
  }

  static boolean isNominalHead(String word) {
    return TITLES.contains(head(word)) || GROUPS.contains(word);
  }

  /** "saying", "calling": no subject of its own. ("according to X" names its speaker.) */
  static boolean isParticiple(String verb) {
    return verb.endsWith("ing") && !verb.equals("according");
  }
}
