package io.newsline.ingest.clean;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether one line of captured page text is boilerplate rather than article content.
 *
 * <p>Three kinds of evidence, from most to least specific: (1) whole-line patterns for page
 * furniture that is short by nature (navigation, ad labels, share widgets, bylines, date stamps,
 * "More in ..." teasers, image credits); (2) promotional phrases ("subscribe", "editorial
 * independence", "follow us") that, with the publisher talking to the reader ("we", "our", "you"),
 * mark prompts and disclaimers of any length; (3) author-bio shapes ("I'm a ... journalist").
 * Lines with quotation marks are held to a much higher bar: a "we" or "you" inside a quote is a
 * source speaking, not the publisher. Patterns only ever match whole lines, so a real sentence that
 * merely mentions a newsletter or a photo is kept.
 */
final class LineRules {
  /** Page furniture is short; longer lines are only judged by the phrase rules. */
  static final int MAX_FURNITURE_CHARS = 200;
  /** Prompts, disclaimers and bios fit in a few sentences; longer lines are article paragraphs. */
  static final int MAX_PROMPT_CHARS = 1200;

  private static final String DATE_WORD =
      "(?:\\d{1,4}+|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?"
          + "|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\\.m\\.|p\\.m\\."
          + "|gmt|utc|bst|cet|cest|est|edt|pst|pdt|ist|et|pt|ago|hours?|hrs?|minutes?|mins?|days?|weeks?"
          + "|today|yesterday|just now|updated|at|on|\\d{1,2}[:.]\\d{2}(?::\\d{2})?|\\d{4}-\\d{2}-\\d{2}(?:t[\\d:.z+-]*)?"
          + "|\\d{1,2}/\\d{1,2}/\\d{2,4}|[+-]\\d{2}:?\\d{2})";
  /** Date words separated by spaces or punctuation; possessive so long digit runs cannot backtrack. */
  private static final String DATE_ONLY = "(?:" + DATE_WORD + "(?:st|nd|rd|th|am|pm)?+(?:[\\s,.|·•/-]++|$))++";
  /** A date stamp: "May 2, 2013, 1:12 PM", "Updated Saturday, December 05, 2009 8:28 PM", "Posted on: 05/24/2005". */
  private static final String DATE_STAMP =
      "(?:published|updated|posted|modified|last updated|last modified|first published|date|dated|created)"
          + "(?: on| at| in)?\\W*(?:" + DATE_ONLY + ")?|" + DATE_ONLY;
  private static final Pattern DATE_STAMP_LINE = Pattern.compile(DATE_STAMP);
  /** A day of the calendar: a month name next to a day number, or a numeric date (05/24/2005, 2005-05-24). */
  private static final Pattern CALENDAR_DAY =
      Pattern.compile("\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,?\\s*\\d{1,2}(?!\\d)"
          + "|(?<!\\d)\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
          + "|(?<!\\d)\\d{1,2}\\s*/\\s*\\d{1,2}\\s*/\\s*\\d{2,4}(?!\\d)|\\b\\d{4}-\\d{2}-\\d{2}");

  /** Whole-line patterns, matched against the lower-cased line; only lines up to MAX_FURNITURE_CHARS. */
  private static final Pattern FURNITURE =
      Pattern.compile(
          String.join(
              "|",
              List.of(
                  // navigation and page chrome
                  "skip to (?:the )?(?:main )?(?:content|navigation|search|footer)",
                  "(?:main )?menu|search|home|close|open|toggle (?:navigation|menu)|back to top|go to top|top of page"
                      + "|(?:previous|next)(?: (?:article|story|post|page))?|loading\\W*|[×✕✖x]|…|\\.\\.\\.",
                  "(?:log|sign) ?(?:in|out)(?: to .*)?|register(?: now| here| for free| today)?|create (?:a )?(?:free )?account.*|my account",
                  // advertising
                  "advertisements?|advert|ads?|sponsored(?: content| post| by .*)?|promoted(?: content)?|partner content"
                      + "|paid (?:content|post|partnership)|(?:story|article|content|text) continues (?:below|after).*"
                      + "|continue reading(?: below| the main story)?|scroll (?:down )?to continue.*",
                  // sharing, following, commenting
                  "(?:share|tweet|email|e-mail|print|save|bookmark|copy link|copy url|link copied|gift (?:this )?article)"
                      + "(?: (?:this|the))?(?: (?:article|story|post|page|link))?(?: (?:on|via|with) .*)?",
                  "(?:share|follow|like|find|join|connect with) us\\b.*",
                  "follow \\S+(?: \\S+)? on (?:facebook|twitter|x|instagram|linkedin|threads|bluesky|youtube|tiktok|whatsapp"
                      + "|telegram|google news|mastodon)\\b.*",
                  "(?:comments?|replies|discussion|join the (?:conversation|discussion))(?: \\(?\\d+\\)?)?\\W*"
                      + "|\\d+ comments?|(?:leave|add|post|view|show|read|see) (?:a |all |the )?comments?\\b.*",
                  // bylines, credits and date stamps
                  DATE_STAMP,
                  "(?:written|reported|words|text|story|edited|compiled|reporting|additional reporting|writing|editing"
                      + "|research|illustrations?|graphics|photos?|video|produced)(?: and editing)? by (?:.*[^.])?",
                  "\\((?:reporting|additional reporting|writing|editing) by .*\\)\\W*",
                  "\\d+ ?min(?:ute)?s?(?: read| listen| watch)?|reading time\\W.*|listen to (?:this )?(?:article|story)\\b.*"
                      + "|\\d{1,2}:\\d{2}(?::\\d{2})?",
                  // teasers, related lists, section links
                  "(?:more|latest|top stories) (?:in|from|on|about) [^.]*|(?:see|view) (?:all|more)\\b[^.]*",
                  "(?:read|watch|listen)(?: more| next| also| the full (?:story|article))\\b[^.]*|(?:read|watch|listen|also read): .*"
                      + "|(?:related|recommended)(?: (?:articles?|stories|content|topics|coverage|reading|links|news|posts|videos))?"
                      + "(?: for you)?(?:: .*)?",
                  "(?:you (?:may|might) (?:also )?like|most (?:read|popular|viewed|shared)|trending(?: now| stories)?"
                      + "|editor'?s picks|further reading|what to read next|in other news|around the web|don't miss)(?:: .*)?",
                  // tags and categories
                  "(?:tags?|topics?|filed under|categories|category|keywords?)\\s*:.*",
                  // image captions and credits
                  "(?:illustration|image|photo|photograph|picture|file photo|representative image|video|caption|image source"
                      + "|image caption|media caption|credit|photo credit|image credit|photo source)s?\\s*:(?:(?!\\. )[^!?“\"]){0,80}",
                  "(?:ai[- ]generated )?(?:illustration|image|photo|picture)s? related to:.*",
                  "(?:getty images|reuters|ap|afp|ap photo|epa|shutterstock|istock|alamy)(?: ?/ ?[\\w .-]+)?",
                  // legal and site furniture
                  "(?:copyright|©|\\(c\\))\\W.*|all rights reserved\\b.*",
                  ".*\\b(?:privacy policy|terms of (?:use|service)|cookie (?:policy|settings|preferences)|accept (?:all )?cookies"
                      + "|manage (?:consent|preferences))\\b.*")));

  /**
   * Whole-line patterns for membership, newsletter and funding prompts: boilerplate like the
   * furniture, and also evidence that the lines around them are the publisher's voice.
   */
  private static final Pattern PROMPT_LINES =
      Pattern.compile(
          String.join(
              "|",
              List.of(
                  // membership and paywall prompts, call-to-action chrome
                  "(?:become|join)(?: as)? (?:a|an|our) (?:member|subscriber|supporter|patron)\\b.*",
                  "members are reading\\b.*|(?:already|are you) a (?:member|subscriber)\\b.*",
                  "(?:exclusive|premium|subscriber|member)s?(?:[ -]only)? (?:analysis|content|article|story|access)(?: continues)?\\W*",
                  "unlock (?:this|the|full|unlimited) .*|(?:get|start|enjoy) (?:full|unlimited|instant) access\\b.*",
                  "cta(?: image| button)?|info_?icon|info icon|icon|image|photo|video|audio|gallery|play video|watch(?: video| now)?",
                  // newsletters and subscriptions
                  "(?:subscribe|sign up|signup|sign-up)\\b.*",
                  "(?:get|receive|stay|keep) (?:up to date|updated|informed|in the know)\\b.*",
                  // transparency and funding widgets
                  "summary(?: of this (?:article|story))?|(?:ai |article )summary|source transparency|support (?:our|us|independent)"
                      + "(?: \\w+)?|contribute|donate(?: now| today)?|make a (?:contribution|donation)\\b.*"
                      + "|how this (?:analysis|article|story|report) was (?:produced|made|written|reported)|about (?:the|this) author"
                      + "|about us|contact us|(?:corrections?|ethics|editorial) (?:policy|standards)")));

  /** A picture credit closing a line: "... Photo: AP; Representative Image", "(photo credit: AP)". */
  private static final Pattern TRAILING_CREDIT =
      Pattern.compile("(?<=[.!?)\\]\"”])\\s*\\(?(?:photo|image|picture|photograph|illustration|video|credit)s?(?: credit)?:\\s*[^.]{1,80}\\)?$",
          Pattern.CASE_INSENSITIVE);
  /** A caption is a sentence or two; a longer line with a credit glued on is a paragraph. */
  private static final int MAX_CAPTION_SENTENCES = 2;

  /** A short all-lower-case line without punctuation: a topic tag list ("russia ukraine"). */
  private static final Pattern TAG_LINE = Pattern.compile("[a-z]+(?: [a-z]+){0,3}");

  /** Widget labels that also come several to a line: "Facebook Twitter Email". */
  private static final Set<String> WIDGET_WORDS =
      Set.of("facebook", "twitter", "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "email", "e-mail",
          "print", "share", "tweet", "pin", "flipboard", "messenger", "bluesky", "threads", "mail", "copy", "link",
          "comments", "comment", "save", "gift", "sms", "instagram", "youtube", "tiktok", "mastodon", "rss", "|", "/", "·");

  private static final Pattern BIO =
      Pattern.compile(
          "(?:^|.*\\W)i['’]?m an? [^.]{0,60}\\b(?:journalist|reporter|writer|editor|correspondent|analyst|columnist|author)\\b.*"
              + "|(?:^|.*\\W)i (?:analy[sz]e|cover|write about|report on|specialize in|specialise in)\\b.*");

  private LineRules() {}

  /** How sure a rule is that a line is boilerplate. */
  enum Verdict {
    /** Article text. */
    CONTENT,
    /** Reads like the publisher talking to the reader, but so can a blog post or an op-ed: boilerplate only next to a prompt. */
    WEAK,
    /** Page furniture: navigation, ads, share widgets, bylines, date stamps, teasers, captions. */
    FURNITURE,
    /** A membership, newsletter or funding prompt, a publisher note or an author bio. */
    PROMPT;

    boolean isBoilerplate() {
      return this == FURNITURE || this == PROMPT;
    }
  }

  /** Whether the (stripped, single-spaced) line is page boilerplate on its own evidence. */
  static boolean isBoilerplate(String line) {
    return classify(line).isBoilerplate();
  }

  static Verdict classify(String line) {
    return classify(line, line.toLowerCase(Locale.ROOT));
  }

  /** Classifies a line given also in lower case ({@code l}). */
  static Verdict classify(String line, String l) {
    if (l.length() <= MAX_FURNITURE_CHARS) {
      String bare = trimDecoration(l);
      if (PROMPT_LINES.matcher(bare).matches()) {
        return Verdict.PROMPT;
      }
      if (bare.isEmpty() || FURNITURE.matcher(bare).matches() || onlyWidgetWords(bare)
          || (TAG_LINE.matcher(line).matches() && line.length() <= 40)) {
        return Verdict.FURNITURE;
      }
    }
    if (l.length() > MAX_PROMPT_CHARS) {
      return Verdict.CONTENT;
    }
    if (isCaption(l)) {
      return Verdict.FURNITURE;
    }
    return prompt(l);
  }

  /**
   * Whether a line (lower case) is a date stamp that names a day ("may 2, 2013, 1:12 pm", "posted:
   * 05/24/2005"), not just a time or an age ("10:32", "2 hours ago"): the page's date for its article.
   */
  static boolean isDateLine(String l) {
    if (l.length() > MAX_FURNITURE_CHARS) {
      return false;
    }
    String bare = trimDecoration(l);
    return DATE_STAMP_LINE.matcher(bare).matches() && CALENDAR_DAY.matcher(bare).find();
  }

  /** An image caption: a sentence or two ending with a picture credit. */
  private static boolean isCaption(String l) {
    if (l.length() > 400) {
      return false;
    }
    int credit = creditStart(l);
    return credit >= 0 && sentences(l.substring(0, credit)) <= MAX_CAPTION_SENTENCES;
  }

  /** The line without a picture credit glued to its end (paragraphs that are not captions). */
  static String withoutTrailingCredit(String line) {
    int credit = creditStart(line);
    return credit >= 0 ? line.substring(0, credit) : line;
  }

  /** Where a trailing picture credit starts, or -1; only the last ~120 characters can hold one. */
  private static int creditStart(String l) {
    int colon = l.lastIndexOf(':');
    if (colon < 0 || colon < l.length() - 100) {
      return -1;
    }
    int from = Math.max(0, colon - 30);
    Matcher m = TRAILING_CREDIT.matcher(l);
    m.region(from, l.length());
    m.useTransparentBounds(true);
    return m.find() ? m.start() : -1;
  }

  private static int sentences(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || text.charAt(i + 1) == ' ' || text.charAt(i + 1) == '”')) {
        n++;
      }
    }
    return Math.max(1, n);
  }

  /** Promotional prompts, publisher notes and author bios. */
  private static Verdict prompt(String l) {
    LineScan scan = LineScan.of(l);
    if (scan.quoted) {
      // "we" and "you" inside quotes are a source speaking; only an unmistakable prompt counts
      return scan.promo >= 3 ? Verdict.PROMPT : Verdict.CONTENT;
    }
    if (scan.promo >= 2 || (scan.bioCue && BIO.matcher(l).matches())) {
      return Verdict.PROMPT;
    }
    // "our"/"us" with a promotional phrase, or "we" talking to "you": the publisher's voice, or a blogger's
    if ((scan.promo == 1 && scan.we) || (scan.we && scan.you && l.length() <= 400)) {
      return Verdict.WEAK;
    }
    return Verdict.CONTENT;
  }

  /** The line without leading/trailing bullets, arrows and punctuation that decorate labels. */
  private static String trimDecoration(String l) {
    int start = 0;
    int end = l.length();
    while (start < end && isDecoration(l.charAt(start))) {
      start++;
    }
    while (end > start && isDecoration(l.charAt(end - 1))) {
      end--;
    }
    return l.substring(start, end);
  }

  private static boolean isDecoration(char c) {
    return Character.isWhitespace(c) || c == '•' || c == '›' || c == '»' || c == '→' || c == '>' || c == '|'
        || c == '-' || c == '–' || c == '—' || c == '*' || c == ':' || c == '▶' || c == '►' || c == '·';
  }

  private static boolean onlyWidgetWords(String bare) {
    if (bare.length() > 80) {
      return false;
    }
    String[] words = bare.split("[\\s,]+");
    if (words.length < 2) {
      return false;
    }
    for (String w : words) {
      if (!WIDGET_WORDS.contains(w)) {
        return false;
      }
    }
    return true;
  }
}
