package io.newsline.enrich.ner;

import io.newsline.enrich.model.EntityType;
import io.newsline.enrich.ner.tagger.FeatureHash;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.LineKind;
import io.newsline.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Repairs of a sentence's tagged spans that the 1996-trained tagger gets wrong on modern news,
 * each a general pattern of how names are written rather than a list of names:
 * <ul>
 *   <li>offices and titles are not part of a name: "Chairperson Mamata Banerjee" is the person
 *       Mamata Banerjee, "Trinamool Congress Chairperson Mamata Banerjee" the party and the
 *       person, "Finance Minister" before a name nothing; heading words ("Explainer", "Analysis")
 *       opening a line are not names either;</li>
 *   <li>initials belong to the name they precede ("K.P. Sharma Oli", not the place "K.P.");</li>
 *   <li>a nickname in quotes right after a person's name ('Pushpa Kamal Dahal "Prachanda"'), or a
 *       short name in brackets after a person's or organisation's ("Parti Pribumi Bersatu Malaysia
 *       (Bersatu)"), is a name of its own, returned so that {@link EntityAssembler} links the
 *       two;</li>
 *   <li>common-noun acronyms (AI, CEO, GDP) and month abbreviations (SEP) are not organisations;</li>
 *   <li>broadcasters' call signs (WABC-TV, KQED: K or W and two or three more capitals, not an
 *       English word) are organisations;</li>
 *   <li>an organisation cut up around its head noun is one ("University of Georgia", "Central
 *       Bank of Sri Lanka", "Grady College");</li>
 *   <li>a dateline of a listed place opening a line ("KOLKATA - ") is a place;</li>
 *   <li>a span that opens a bracket it does not close is two names; a portfolio before "Minister"
 *       is no organisation; a "person" that a list knows as a place is the place, and one with a
 *       word of companies' names an organisation ("Phnom Penh", "Banco Santander");</li>
 *   <li>a "person" or "organisation" that ends in a noun of geography ("Palk Strait") or comes
 *       right before a lower-case noun of places ("Shabwa area", "Tanjung Priok port") is a place;
 *       a name before "and Co" is a company with it ({@link AndCoNames}).</li>
 * </ul>
 * Works on BILOU labels in place, so that everything after it (heading check, propagation) sees
 * the repaired spans. Hyphenated modifiers ("Anwar-led", "post-Geneva") are trimmed where the
 * mention is cut out of the text ({@link #nameStart}, {@link #nameEnd}).
 */
final class SpanRepair {
  /** Person titles and offices written before a name; capitalised as in running text. */
  private static final Set<String> TITLES = Set.of(
      "President", "Vice-President", "Vice", "Chairman", "Chairwoman", "Chairperson", "Chair", "Minister",
      "Secretary", "Senator", "Sen.", "Rep.", "Representative", "Congressman", "Congresswoman", "Governor",
      "Gov.", "Mayor", "Speaker", "Spokesman", "Spokeswoman", "Spokesperson", "CEO", "CFO", "PM", "Ambassador",
      "Premier", "Prime", "Chief", "Deputy", "Commissioner", "Director", "Chancellor", "Mr.", "Mrs.", "Ms.",
      "Mr", "Mrs", "Ms", "Dr.", "Dr", "Prof.", "Professor", "Judge", "Coach", "Attorney", "Solicitor",
      "Adviser", "Advisor", "Executive", "Officer", "Founder", "Co-founder", "Cofounder", "Lawmaker",
      "MP", "Sheriff", "Superintendent", "Inspector", "Lt.", "Col.", "Capt.", "Sgt.", "Maj.", "Lieutenant",
      "Colonel", "Sergeant", "Admiral", "Marshal", "Pope", "Cardinal", "Archbishop", "Bishop", "Rabbi",
      "Imam", "Leader", "Head", "Councillor", "Councilor", "Councilman", "Councilwoman", "Treasurer",
      "Comptroller", "Auditor", "Ombudsman", "Envoy", "Emir", "Crown", "Interim", "Acting", "Former",
      "Justice");
  /**
   * Royal and honorific titles, cut only from a person's span: CoNLL-2003 train leaves them out of
   * the name ("King Hussein", "Princess Diana", "Sheikh Hasina", "Sir Colin Hope": 27 of 29); in an
   * organisation they open the name ("King Fahd University"). Not "Prince" (5 of 8 inside the name).
   */
  private static final Set<String> ROYAL_TITLES =
      Set.of("King", "Queen", "Princess", "Sheikh", "Sir", "Majesty", "Highness");
  /**
   * Lower-case particles inside a person's name ("Aravinda de Silva", "Joaquin del Olmo", "Ursula
   * von der Leyen"): in CoNLL-2003 train a person's word, such a particle and a capitalised word
   * are one name 33 times of 33. The second set may only follow a first ("de la", "van der").
   */
  private static final Set<String> NAME_PARTICLES = Set.of(
      "de", "del", "della", "da", "das", "dos", "du", "van", "von", "di", "ter", "bin", "ibn");
  /** Titles of monarchs, before which "I" after the name is a regnal number. */
  private static final Set<String> MONARCHS = Set.of(
      "King", "Queen", "Emperor", "Empress", "Pope", "Tsar", "Czar", "Sultan", "Shah", "Prince", "Princess");
  private static final Set<String> SECOND_PARTICLES = Set.of("der", "den", "la", "le", "los", "las", "van");
  /**
   * Regnal numbers after a monarch's name ("Charles VI", "Queen Elizabeth I"); "I" only after a
   * monarch's title (not the pronoun: "to Reggie I'm"), and not "V" or "X" alone ("Roe V Wade").
   */
  private static final Pattern REGNAL = Pattern.compile("(X{0,2})(IX|IV|V?I{0,3})");
  /** Titles that only a person holds, never a word of an organisation's name ("PM Banharn"). */
  private static final Set<String> PERSON_TITLES = Set.of(
      "PM", "President", "Minister", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Senator", "Sen.",
      "Rep.", "Mayor", "Governor", "Gov.", "Premier", "Chancellor", "Ambassador", "Spokesman", "Spokeswoman",
      "Chairman", "Chairwoman", "Congressman", "Congresswoman");
  /** Words that make a title of several words with the title after them: "District Attorney". */
  private static final Set<String> TITLE_MODIFIERS = Set.of(
      "District", "Assistant", "Associate", "Prosecuting", "Athletic", "Managing", "Senior", "General");
  /**
   * Nouns that head an organisation's name before "of", "on" or "for": "University of Georgia",
   * "Bank of Korea", "Commission on Audit", "Centre for Policy Research".
   */
  private static final Set<String> HEADS_BEFORE_OF = Set.of(
      "University", "Institute", "College", "Academy", "Bank", "Ministry", "Department", "Council",
      "Commission", "Agency", "Authority", "Court", "Party", "Union", "Association", "Federation",
      "Foundation", "Corporation", "Society", "Board", "Bureau", "Organisation", "Organization",
      "Committee", "Museum", "School", "Church", "League", "Chamber", "Confederation", "Congress",
      "Center", "Centre", "Office", "Fund", "Forum", "Alliance", "Coalition", "Front", "Movement",
      "Tribunal", "Administration", "Service", "Network", "Secretariat", "Directorate", "Inspectorate");
  /** Words that join a head noun to the rest of an organisation's name. */
  private static final Set<String> HEAD_LINKS = Set.of("of", "on", "for");
  /** Capitalised words that follow "on" or "for" as dates, not as a name's words. */
  private static final Set<String> CALENDAR = Set.of(
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
      "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
      "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.");
  /** Nouns that end an organisation's name: "Grady College", "Adani Group", "Acme Corp.". */
  private static final Set<String> HEADS_AFTER = Set.of(
      "University", "College", "Institute", "Academy", "Foundation", "Corporation", "Corp", "Corp.",
      "Inc", "Inc.", "Ltd", "Ltd.", "Plc", "PLC", "LLC", "GmbH", "Group", "Holdings");
  /** Words that open a line as a section or genre label, not as part of a name. */
  private static final Set<String> HEADING_WORDS = Set.of(
      "Explainer", "Explained", "Analysis", "Exclusive", "Opinion", "Breaking", "Update", "Updated", "Factbox",
      "Timeline", "Editorial", "Interview", "Watch");
  /** Acronyms of common nouns: never organisations by themselves. */
  private static final Set<String> COMMON_ACRONYMS = Set.of(
      "AI", "AGI", "CEO", "CEOs", "CFO", "COO", "CTO", "GDP", "IPO", "IPOs", "EV", "EVs", "ETF", "ETFs", "VAT",
      "GST", "TV", "PC", "PCs", "HR", "PR", "LGBT", "LGBTQ", "LGBTQ+", "COVID", "COVID-19", "GPU", "GPUs", "CPU",
      "CPUs", "DNA", "HIV", "SUV", "SUVs", "UFO", "API", "APIs", "ICU", "OK", "AM", "PM", "GMT", "UTC", "VPN",
      "SMS", "PDF", "URL", "USB", "LNG", "LPG", "CO2", "ESG", "M&A", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "YoY",
      "PhD", "MBA", "ID", "IDs", "DIY", "FAQ", "VIP", "VIPs", "RSVP", "ASAP", "NGO", "NGOs", "MP", "MPs",
      // Months of price tables and contract codes ("EUROMARK (SEP) 96.84"); not Jan, Mar, May: names too.
      "FEB", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "Feb", "Apr", "Jun", "Jul", "Aug",
      "Sep", "Sept", "Oct", "Nov", "Dec");
  /** A broadcaster's call sign: K or W and 2-3 capitals, maybe -TV, -FM, -AM, -DT, -LP, -CD. */
  private static final Pattern CALL_SIGN = Pattern.compile("[KW][A-Z]{2,3}(-(TV|FM|AM|DT|LP|CD))?");
  /** Does the word look like a broadcaster's call sign (not checked against the dictionary)? */
  static boolean isCallSign(String w) {
    return CALL_SIGN.matcher(w).matches() && !w.endsWith("II");
  }

  /** Initials: "K.", "K.P.", "J.R.R.". */
  private static final Pattern INITIALS = Pattern.compile("(\\p{Lu}\\.){1,3}");
  /** Lower-case second parts of hyphenated modifiers: "Anwar-led", "U.S.-backed", "Kyiv-based". */
  private static final Set<String> AFFIXES = Set.of(
      "led", "backed", "based", "owned", "run", "controlled", "held", "born", "made", "style", "era", "linked",
      "aligned", "affiliated", "funded", "sponsored", "brokered", "dominated", "friendly", "bound", "drafted",
      "allied", "ruled", "mediated", "speaking", "inspired", "type", "like", "centric", "focused", "themed",
      "listed", "registered", "headquartered", "educated", "trained", "supported", "appointed", "elected",
      "installed", "imposed", "organised", "organized", "proposed", "designated", "certified", "approved",
      "wide", "level", "specific", "area", "bred", "raised", "watcher", "watchers", "skeptic", "sceptic",
      "skeptics", "sceptics", "occupied", "annexed", "administered", "built", "designed", "produced",
      "brand", "branded", "obsessed", "related", "origin", "origins", "bashing", "baiting", "leaning",
      "facing", "oriented", "supplied", "armed", "financed", "hosted");
  /** Lower-case prefixes of hyphenated modifiers: "post-Geneva", "pro-Kremlin", "ex-Tory". */
  private static final Set<String> PREFIXES = Set.of(
      "post", "pre", "anti", "pro", "ex", "non", "mid", "neo", "pan", "trans", "inter", "intra", "cross",
      "sub", "multi", "un", "de", "re", "all", "super", "ultra", "semi", "quasi", "over", "under");

  private SpanRepair() {}

  /** A tagged span of tokens [from, to) of one type index ({@link Labels#TYPES}). */
  record Span(int from, int to, int type) {}

  /**
   * Repairs the labels y of one sentence (tokens of a line of the given kind) in place. Returns
   * the nicknames and bracketed short names that follow a name, as token bounds
   * {aliasFrom, aliasTo, nameFrom, nameTo}.
   */
  static List<int[]> apply(List<Token> tokens, int[] y, LineKind kind, Gazetteer gazetteer) {
    List<Span> spans = spans(y);
    List<Span> out = new ArrayList<>(spans.size() + 2);
    List<int[]> nicknames = new ArrayList<>(0);
    for (Span whole : spans) {
      for (Span span : atOpenBrackets(tokens, whole)) {
        for (Span piece : withoutTitles(tokens, span, gazetteer)) {
          piece = withInitials(tokens, piece, out);
          if (piece.to - piece.from == 1 && COMMON_ACRONYMS.contains(tokens.get(piece.from).text())) {
            continue;
          }
          out.add(piece);
        }
      }
    }
    int per = Labels.typeIndex(EntityType.PERSON);
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    out = withOrganisationHeads(tokens, out, org);
    out = withoutTrailingTitles(tokens, out, per, gazetteer);
    out = withoutPortfolios(tokens, out, per, gazetteer);
    out = withListedPlaces(tokens, out, per, gazetteer);
    out = withOrganisationWords(tokens, out, per, org, gazetteer);
    out = withPlaceNouns(tokens, out, per, org);
    out = AndCoNames.apply(tokens, out, org, gazetteer);
    out = withLetterQualifiers(tokens, out, org);
    out = withNameParticles(tokens, out, per, gazetteer);
    if (kind != LineKind.ALL_CAPS) {
      out = withDateline(tokens, out, gazetteer);
    }
    List<Span> withNicknames = new ArrayList<>(out.size());
    for (int s = 0; s < out.size(); s++) {
      Span span = out.get(s);
      withNicknames.add(span);
      int[] nick = span.type == per || span.type == org ? alias(tokens, span, span.type == org) : null;
      if (nick == null) {
        continue;
      }
      boolean spelt = span.type == org && spellsInitials(tokens, span, nick);
      Span next = s + 1 < out.size() ? out.get(s + 1) : null;
      boolean inQuotes = !tokens.get(span.to).text().equals("(");
      int inside = !inQuotes && span.type == org && isQualifier(tokens, span, nick) ? qualifierSpans(out, s + 1, nick) : -1;
      if (inside >= 0) {
        // "Communist Party of Nepal (Unified Marxist-Leninist)": the brackets are part of the name.
        withNicknames.set(withNicknames.size() - 1, new Span(span.from, nick[1] + 1, org));
        s += inside;
        continue;
      }
      if (next != null && next.from == nick[0] && next.to == nick[1]) {
        // In brackets a differently typed name is something else: "Michael Johnson (U.S.)"; not
        // the organisation's initials, whatever the tagger made of them.
        if (!inQuotes && next.type != span.type && !spelt) {
          continue;
        }
        out.set(s + 1, new Span(nick[0], nick[1], span.type));
      } else if (next != null && next.from <= nick[1]) {
        continue;
      } else {
        withNicknames.add(new Span(nick[0], nick[1], span.type));
      }
      nicknames.add(new int[] {nick[0], nick[1], span.from, span.to});
    }
    java.util.Arrays.fill(y, Labels.O);
    for (Span span : withNicknames) {
      write(y, span);
    }
    if (kind != LineKind.ALL_CAPS) {
      for (int i = 0; i < y.length; i++) {
        String w = tokens.get(i).text();
        // A call sign of four letters or with a suffix is a broadcaster whatever the tagger made
        // of it ("WQXT-TV" as a place); three capitals may be other things (KSA, WTI).
        boolean single = y[i] == Labels.O || Labels.part(y[i]) == 3
            && (w.length() >= 4 || Labels.TYPES[Labels.type(y[i])] == EntityType.MISC);
        if (single && isCallSign(w) && !isWord(w, gazetteer)) {
          y[i] = Labels.label(org, 3);
        }
      }
    }
    return nicknames;
  }

  /**
   * One capital letter in brackets right after an organisation is part of its name: the initial of
   * the town that tells two clubs of one name apart ("Buducnost (P)", "Radnicki (N)"; in CoNLL-2003
   * train 6 of 6 after a name, whole with the brackets); a "place" so qualified is such a club. A
   * span the tagger made of the letter goes.
   */
  private static List<Span> withLetterQualifiers(List<Token> tokens, List<Span> spans, int org) {
    int loc = Labels.typeIndex(EntityType.LOCATION);
    List<Span> out = new ArrayList<>(spans.size());
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      int b = span.to;
      if ((span.type == org || span.type == loc) && b + 2 < tokens.size() && tokens.get(b).text().equals("(")
          && tokens.get(b + 2).text().equals(")") && isCapitalLetter(tokens.get(b + 1).text())) {
        int inside = 0;
        while (s + 1 + inside < spans.size() && spans.get(s + 1 + inside).to <= b + 3) {
          inside++;
        }
        boolean clear = s + 1 + inside >= spans.size() || spans.get(s + 1 + inside).from >= b + 3;
        if (clear) {
          out.add(new Span(span.from, b + 3, org));
          s += inside;
          continue;
        }
      }
      out.add(span);
    }
    return out;
  }

  /**
   * A person's name goes on through lower-case particles to the capitalised word after them
   * ("Aravinda de Silva", "Joaquin del Olmo", taking in a span the tagger made of "Olmo"), and
   * takes in a regnal number ("Charles VI"; "I" only after a monarch's title, not the pronoun).
   */
  private static List<Span> withNameParticles(List<Token> tokens, List<Span> spans, int per, Gazetteer gazetteer) {
    List<Span> out = new ArrayList<>(spans.size());
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      if (span.type != per) {
        out.add(span);
        continue;
      }
      int end = span.to;
      int p = end;
      if (p < tokens.size() && NAME_PARTICLES.contains(tokens.get(p).text())) {
        p++;
        if (p < tokens.size() && SECOND_PARTICLES.contains(tokens.get(p).text())) {
          p++;
        }
        if (p < tokens.size() && isNameWord(tokens.get(p).text()) && !HeadingFilter.isCommonWord(tokens.get(p).text(), gazetteer)) {
          end = p + 1;
        }
      } else if (p < tokens.size() && isRegnal(tokens.get(p).text())
          && (!tokens.get(p).text().equals("I") || span.from > 0 && MONARCHS.contains(tokens.get(span.from - 1).text()))) {
        end = p + 1;
      }
      if (end == span.to) {
        out.add(span);
        continue;
      }
      // A span the tagger made of the words taken in (or running on from them) joins the name.
      while (s + 1 < spans.size() && spans.get(s + 1).from < end) {
        end = Math.max(end, spans.get(s + 1).to);
        s++;
      }
      out.add(new Span(span.from, end, per));
    }
    return out;
  }

  private static boolean hasLowerCase(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isLowerCase(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isRegnal(String w) {
    return (w.length() >= 2 || w.equals("I")) && REGNAL.matcher(w).matches();
  }

  private static boolean isCapitalLetter(String w) {
    return w.length() == 1 && Character.isUpperCase(w.charAt(0));
  }

  /**
   * A span that opens a bracket and does not close it is two names the tagger ran together across
   * the bracket: "LTTE (Liberation Tigers of Tamil Eelam", "Hizbollah (Party of God"; it is cut at
   * the bracket. "Rad (B)" keeps its brackets; a nickname's closing bracket ("(Tom) Seaver") is
   * left to the tagger, as CoNLL-2003 writes such names in more than one way.
   */
  private static List<Span> atOpenBrackets(List<Token> tokens, Span span) {
    int depth = 0;
    for (int k = span.from; k < span.to; k++) {
      String w = tokens.get(k).text();
      depth += w.equals("(") ? 1 : w.equals(")") && depth > 0 ? -1 : 0;
    }
    if (depth == 0) {
      return List.of(span);
    }
    List<Span> pieces = new ArrayList<>(2);
    int from = span.from;
    for (int k = span.from; k <= span.to; k++) {
      if (k == span.to || tokens.get(k).text().equals("(")) {
        if (k > from) {
          pieces.add(new Span(from, k, span.type));
        }
        from = k + 1;
      }
    }
    return pieces;
  }

  /**
   * Cuts a span at the last title in it that a name follows: the words after it are a person,
   * the words before it (less any further titles) keep the span's type when one of them is a name
   * rather than a common word ("Trinamool Congress Chairperson Mamata Banerjee"), and a span made of
   * titles only is dropped. Heading words opening the line are dropped too.
   */
  private static List<Span> withoutTitles(List<Token> tokens, Span span, Gazetteer gazetteer) {
    int from = span.from;
    while (from < span.to && from == 0 && HEADING_WORDS.contains(tokens.get(from).text())) {
      from++;
    }
    int cut = -1;
    int per = Labels.typeIndex(EntityType.PERSON);
    // A single word after a title is a person only if the tagger said so ("President Trump");
    // in an organisation it is more likely part of the name ("Executive Yuan").
    int minTail = span.type == per ? 1 : 2;
    for (int k = span.to - 1 - minTail; k >= from; k--) {
      String w = tokens.get(k).text();
      boolean title = TITLES.contains(w) || span.type == per && ROYAL_TITLES.contains(w);
      if (title && namesFollow(tokens, k + 1, span.to)) {
        cut = k;
        break;
      }
    }
    // ... but after a title only people hold, one word that is no common word is the person
    // ("Jordanian PM Kabariti", "PM Banharn" as one organisation), not a name's last word; not
    // an acronym ("4:30 PM ET").
    int last = span.to - 1;
    if (cut < 0 && minTail == 2 && last - 1 >= from && PERSON_TITLES.contains(tokens.get(last - 1).text())
        && namesFollow(tokens, last, span.to) && hasLowerCase(tokens.get(last).text())
        && !HeadingFilter.isCommonWord(tokens.get(last).text(), gazetteer)) {
      cut = last - 1;
    }
    if (cut < 0) {
      boolean allTitles = true;
      for (int k = from; k < span.to && allTitles; k++) {
        allTitles = TITLES.contains(tokens.get(k).text());
      }
      return allTitles ? List.of() : List.of(new Span(from, span.to, span.type));
    }
    List<Span> pieces = new ArrayList<>(2);
    int headEnd = cut;
    while (headEnd > from && (TITLES.contains(tokens.get(headEnd - 1).text())
        || span.type == per && ROYAL_TITLES.contains(tokens.get(headEnd - 1).text())
        || isLowerCase(tokens.get(headEnd - 1).text()))) {
      headEnd--;
    }
    boolean nameInHead = false;
    for (int k = from; k < headEnd; k++) {
      String w = tokens.get(k).text();
      nameInHead |= Character.isUpperCase(w.charAt(0)) && !HeadingFilter.isCommonWord(w, gazetteer);
    }
    if (nameInHead) {
      String[] head = new String[headEnd - from];
      for (int k = from; k < headEnd; k++) {
        head[k - from] = tokens.get(k).text();
      }
      // A nationality before the title is the office's adjective, MISC as CoNLL writes it ("Jordanian PM").
      int type = gazetteer.containsNationality(head) ? Labels.typeIndex(EntityType.MISC)
          : span.type == per ? Labels.typeIndex(EntityType.ORGANIZATION) : span.type;
      pieces.add(new Span(from, headEnd, type));
    }
    pieces.add(new Span(cut + 1, span.to, per));
    return pieces;
  }

  /**
   * A title closing a name that a person's name follows belongs to the person, not the name:
   * "Office of Management and Budget Director Peter Orszag" gives the office and the person,
   * "Supreme Court Justice Sonia Sotomayor" the court and the judge, "Fulton County District Attorney
   * Paul Howard" the county and the prosecutor; the office of a listed place is the place ("San
   * Francisco District Attorney" gives San Francisco, a place). What is left must still look
   * like a name (two words or more, or one that is not a common word: not "Finance" of "Finance
   * Minister").
   */
  private static List<Span> withoutTrailingTitles(List<Token> tokens, List<Span> spans, int per, Gazetteer gazetteer) {
    List<Span> out = null;
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      Span next = s + 1 < spans.size() ? spans.get(s + 1) : null;
      int to = span.to;
      if (span.type != per && next != null && next.from == span.to && next.type == per) {
        while (to > span.from && (TITLES.contains(tokens.get(to - 1).text())
            || to < span.to && TITLE_MODIFIERS.contains(tokens.get(to - 1).text()))) {
          to--;
        }
      }
      if (to != span.to && out == null) {
        out = new ArrayList<>(spans.subList(0, s));
      }
      boolean name = to - span.from >= 2
          || to > span.from && !HeadingFilter.isCommonWord(tokens.get(span.from).text(), gazetteer);
      if (out != null && (to == span.to || name)) {
        out.add(to == span.to ? span : new Span(span.from, to, isListedPlace(tokens, span.from, to, gazetteer)
            ? Labels.typeIndex(EntityType.LOCATION) : span.type));
      }
    }
    return out == null ? spans : out;
  }

  /**
   * A name of two or more words that a list knows as a place, and whose first word is no given
   * name, is that place, not a person ("Phnom Penh", "Gujar Khan"): the tagger reads two unknown
   * capitalised words as a person's name.
   */
  private static List<Span> withListedPlaces(List<Token> tokens, List<Span> spans, int per, Gazetteer gazetteer) {
    return retyped(spans, Labels.typeIndex(EntityType.LOCATION), span -> span.type == per && span.to - span.from >= 2
        && isListedPlace(tokens, span.from, span.to, gazetteer) && !gazetteer.isGivenName(tokens.get(span.from).text()));
  }

  /** The spans with those that pass the test retyped; the same list if none does. */
  private static List<Span> retyped(List<Span> spans, int type, Predicate<Span> test) {
    List<Span> out = spans;
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      if (span.type != type && test.test(span)) {
        if (out == spans) {
          out = new ArrayList<>(spans);
        }
        out.set(s, new Span(span.from, span.to, type));
      }
    }
    return out;
  }

  /**
   * Nouns of geography that end a place's name: "Palk Strait", "Texas Panhandle", "Gaza Strip". Not
   * "Bay", "Valley", "Coast" or "Mountain", which end clubs, leagues and companies as often
   * ("Tampa Bay", "Missouri Valley", "Gold Coast", "Battle Mountain").
   */
  private static final Set<String> PLACE_HEADS = Set.of(
      "Strait", "Straits", "Sea", "River", "Mountains", "Island", "Islands", "Gulf", "Peninsula", "Lake",
      "Ocean", "Canal", "Desert", "Strip", "Plains", "Panhandle");

  /**
   * Lower-case nouns of places written after a place's name: "Shabwa area", "Al-Aqsa mosque",
   * "Tanjung Priok port". Not "state" ("Xinhua state news agency") nor "town" ("a CNN town hall").
   */
  private static final Set<String> PLACE_NOUNS = Set.of(
      "area", "region", "province", "district", "village", "suburb", "county", "border", "coast", "valley",
      "river", "island", "peninsula", "airport", "port", "mosque", "mine", "mines", "oilfield", "oilfields");

  /**
   * A "person" or "organisation" with no word of organisations' names in it is a place when it
   * has two or more words and ends in a noun of geography ("Palk Strait", "High Plains"; not
   * "Association for Relations Across the Taiwan Straits"), or when a lower-case noun of places
   * follows it ("Shabwa oilfields", "Boddington mines", "Charles de Gaulle airport"). In CoNLL-2003
   * train and dev 40 of 41 names of the first kind are places, the other a person by mistake
   * ("North Island"); of names so followed 126 are places, 72 MISC adjectives ("Bosnian village"),
   * 1 a person by mistake, none an organisation.
   */
  private static List<Span> withPlaceNouns(List<Token> tokens, List<Span> spans, int per, int org) {
    return retyped(spans, Labels.typeIndex(EntityType.LOCATION), span -> (span.type == per || span.type == org)
        && (span.to - span.from >= 2 && PLACE_HEADS.contains(tokens.get(span.to - 1).text())
            || span.to < tokens.size() && PLACE_NOUNS.contains(tokens.get(span.to).text()))
        && !hasOrganisationWord(tokens, span));
  }

  private static boolean hasOrganisationWord(List<Token> tokens, Span span) {
    for (int k = span.from; k < span.to; k++) {
      String w = tokens.get(k).text();
      if (COMPANY_WORDS.contains(w) || HEADS_AFTER.contains(w) || HEADS_BEFORE_OF.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** Words of companies' names that no person's name has: "Mohib Textile Mills", "Banco Santander". */
  private static final Set<String> COMPANY_WORDS = Set.of(
      "Mills", "Banco", "Banca", "Caja", "Airways", "Airlines", "Motors", "Industries", "Securities",
      "Insurance", "Bancorp", "Partners", "Co", "Company");

  /**
   * A "person" of two or more words with a word of organisations' names in it, and no given name
   * first, is an organisation ("Mohib Textile Mills", "Banco Santander", "Caja de Madrid"; not
   * "Derek Mills"): in CoNLL-2003 train and dev, 2 of 653 such names are people, both so.
   */
  private static List<Span> withOrganisationWords(List<Token> tokens, List<Span> spans, int per, int org,
      Gazetteer gazetteer) {
    return retyped(spans, org, span -> span.type == per && span.to - span.from >= 2
        && !gazetteer.isGivenName(tokens.get(span.from).text()) && hasOrganisationWord(tokens, span));
  }

  /** Titles that a portfolio precedes: "Finance Minister", "Foreign Secretary". */
  private static final Set<String> PORTFOLIO_TITLES = Set.of("Minister", "Secretary");

  /**
   * A portfolio before "Minister" or "Secretary" is no name ("Finance Minister Wataru Kubo",
   * "Interior Minister Jean-Louis Debre", "Foreign Affairs Minister"): the tagger, or the cut of
   * the title, left "Finance" as an organisation. Words that all have a lower-case use and are no
   * listed name (CoNLL-2003 leaves 58 of 61 such portfolios untagged; a country before the title is
   * kept: "Israel Minister" is no portfolio).
   */
  private static List<Span> withoutPortfolios(List<Token> tokens, List<Span> spans, int per, Gazetteer gazetteer) {
    List<Span> out = null;
    for (int s = 0; s < spans.size(); s++) {
      Span span = spans.get(s);
      boolean portfolio = span.type != per && span.to + 1 < tokens.size()
          && PORTFOLIO_TITLES.contains(tokens.get(span.to).text())
          && Character.isUpperCase(tokens.get(span.to + 1).text().charAt(0)) && isPortfolio(tokens, span, gazetteer);
      if (portfolio && out == null) {
        out = new ArrayList<>(spans.subList(0, s));
      }
      if (out != null && !portfolio) {
        out.add(span);
      }
    }
    return out == null ? spans : out;
  }

  /** Are the span's words all ones with a lower-case use ("Finance", "Foreign Affairs"), and no listed name? */
  private static boolean isPortfolio(List<Token> tokens, Span span, Gazetteer gazetteer) {
    for (int k = span.from; k < span.to; k++) {
      String w = tokens.get(k).text();
      if ((gazetteer.casing(FeatureHash.ofLower(w, 0, w.length())) & 1) == 0) {
        return false;
      }
    }
    return !gazetteer.containsName(words(tokens, span.from, span.to));
  }

  /** Are the words from..to a listed country, city or region? */
  private static boolean isListedPlace(List<Token> tokens, int from, int to, Gazetteer gazetteer) {
    return gazetteer.containsPlace(words(tokens, from, to));
  }

  /** The tokens from..to as words, for the gazetteer's look-ups. */
  static String[] words(List<Token> tokens, int from, int to) {
    String[] words = new String[to - from];
    for (int k = from; k < to; k++) {
      words[k - from] = tokens.get(k).text();
    }
    return words;
  }

  /**
   * Organisation names the tagger cut up around their head noun: "University of Georgia" (tagged
   * "Georgia"), "Central Bank of Sri Lanka" (tagged "Central Bank" and "Sri Lanka"), "Grady College"
   * (tagged "Grady") become one organisation.
   */
  private static List<Span> withOrganisationHeads(List<Token> tokens, List<Span> spans, int org) {
    int n = tokens.size();
    int[] spanAt = new int[n];
    java.util.Arrays.fill(spanAt, -1);
    for (int s = 0; s < spans.size(); s++) {
      for (int k = spans.get(s).from; k < spans.get(s).to; k++) {
        spanAt[k] = s;
      }
    }
    List<Span> added = new ArrayList<>(0);
    for (int h = 0; h < n; h++) {
      String w = tokens.get(h).text();
      int from = -1;
      int to = -1;
      if (HEADS_BEFORE_OF.contains(w) && h + 2 < n && HEAD_LINKS.contains(tokens.get(h + 1).text())
          && Character.isUpperCase(tokens.get(h + 2).text().charAt(0)) && !tokens.get(h + 2).text().equals("The")
          && (tokens.get(h + 1).text().equals("of") || startsOrganisation(tokens, spans, spanAt, h)
              && namesATopic(tokens, spans, spanAt, h + 2))) {
        from = spanAt[h] >= 0 ? spans.get(spanAt[h]).from : h > 0 && spanAt[h - 1] >= 0 ? spans.get(spanAt[h - 1]).from : h;
        to = spanAt[h + 2] >= 0 ? spans.get(spanAt[h + 2]).to : capitalisedRunEnd(tokens, h + 2, spanAt);
        // A tagged name ending before "and" and capitals no name covers goes on: the tagger's
        // "Office of Management" of "Office of Management and Budget".
        if (to + 1 < n && spanAt[to] == -1 && isLink(tokens.get(to).text()) && spanAt[to + 1] == -1
            && Character.isUpperCase(tokens.get(to + 1).text().charAt(0))) {
          to = capitalisedRunEnd(tokens, to + 1, spanAt);
        }
      } else if (HEADS_AFTER.contains(w) && h > 0 && spanAt[h] < 0 && spanAt[h - 1] >= 0) {
        from = spans.get(spanAt[h - 1]).from;
        to = h + 1;
      }
      if (from < 0 || to <= h) {
        continue;
      }
      added.add(new Span(from, to, org));
      for (int k = from; k < to; k++) {
        spanAt[k] = -2;
      }
      h = to - 1;
    }
    if (added.isEmpty()) {
      return spans;
    }
    List<Span> out = new ArrayList<>(spans.size());
    for (Span s : spans) {
      if (spanAt[s.from] != -2) {
        out.add(s);
      }
    }
    out.addAll(added);
    out.sort(java.util.Comparator.comparingInt(Span::from));
    return out;
  }

  /**
   * Does the head noun at h open an organisation's name: tagged as one (or right after one), or
   * capitalised after "the"? "on" and "for" join a name only then: "the Commission on Audit",
   * "the Council on Foreign Relations", not "Ministry on Friday" or "Premier League for Chelsea".
   */
  private static boolean startsOrganisation(List<Token> tokens, List<Span> spans, int[] spanAt, int h) {
    int s = spanAt[h] >= 0 ? spanAt[h] : h > 0 ? spanAt[h - 1] : -1;
    if (s >= 0) {
      return spans.get(s).type == Labels.typeIndex(EntityType.ORGANIZATION);
    }
    return h > 0 && tokens.get(h - 1).text().equalsIgnoreCase("the");
  }

  /**
   * Can the words from i, after "on" or "for", be the topic of an organisation's name ("Commission
   * on Audit", "Committee on Energy Independence")? Not a date ("on Friday") nor a place or person
   * the tagger found ("Hofstra University on Long Island").
   */
  private static boolean namesATopic(List<Token> tokens, List<Span> spans, int[] spanAt, int i) {
    if (CALENDAR.contains(tokens.get(i).text())) {
      return false;
    }
    int type = spanAt[i] >= 0 ? spans.get(spanAt[i]).type : -1;
    return type != Labels.typeIndex(EntityType.LOCATION) && type != Labels.typeIndex(EntityType.PERSON);
  }

  /**
   * End of a run of up to four capitalised words from i that no span covers, "and" or "&"
   * between two of them included ("Ministry of Trade and Industry").
   */
  private static int capitalisedRunEnd(List<Token> tokens, int i, int[] spanAt) {
    int end = i;
    int words = 0;
    while (end < tokens.size() && words < 4 && spanAt[end] == -1) {
      String w = tokens.get(end).text();
      boolean link = isLink(w) && end > i && end + 1 < tokens.size()
          && spanAt[end + 1] == -1 && Character.isUpperCase(tokens.get(end + 1).text().charAt(0));
      if (!link && !Character.isUpperCase(w.charAt(0))) {
        break;
      }
      end++;
      words++;
    }
    return end;
  }

  private static boolean isLink(String w) {
    return w.equals("and") || w.equals("&");
  }

  /**
   * A dateline opening a line ("KOLKATA - ...", "SANTA CLARA, Calif. - ...", "DHAKA (Reuters) -"):
   * up to four words in capitals before a dash, a comma or a bracket that a list knows as a place.
   */
  private static List<Span> withDateline(List<Token> tokens, List<Span> spans, Gazetteer gazetteer) {
    int end = 0;
    while (end < tokens.size() && end < 4 && isAllCapsWord(tokens.get(end).text())) {
      end++;
    }
    if (end == 0 || end + 1 >= tokens.size()) {
      return spans;
    }
    String next = tokens.get(end).text();
    boolean dash = next.equals("-") || next.equals("--") || next.equals("–") || next.equals("—");
    boolean more = next.equals("(") || next.equals(",") && hasDashSoon(tokens, end + 1);
    if (!dash && !more) {
      return spans;
    }
    String[] place = new String[end];
    for (int k = 0; k < end; k++) {
      place[k] = tokens.get(k).text();
    }
    if (!gazetteer.containsPlace(place)) {
      return spans;
    }
    List<Span> out = new ArrayList<>(spans.size() + 1);
    out.add(new Span(0, end, Labels.typeIndex(EntityType.LOCATION)));
    for (Span s : spans) {
      if (s.from >= end) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean hasDashSoon(List<Token> tokens, int from) {
    for (int k = from; k < tokens.size() && k < from + 4; k++) {
      String w = tokens.get(k).text();
      if (w.equals("-") || w.equals("--") || w.equals("–") || w.equals("—")) {
        return true;
      }
    }
    return false;
  }

  static boolean isAllCapsWord(String w) {
    if (w.length() < 2) {
      return false;
    }
    for (int k = 0; k < w.length(); k++) {
      char c = w.charAt(k);
      if (!Character.isUpperCase(c) && c != '.' && c != '-' && c != '\'') {
        return false;
      }
    }
    return true;
  }

  /** Are tokens [from, to) one to four capitalised words, none of them a title? */
  private static boolean namesFollow(List<Token> tokens, int from, int to) {
    if (to - from < 1 || to - from > 4) {
      return false;
    }
    for (int k = from; k < to; k++) {
      String w = tokens.get(k).text();
      if (!Character.isUpperCase(w.charAt(0)) || TITLES.contains(w)) {
        return false;
      }
    }
    return true;
  }

  /**
   * A person's name preceded by initials takes them in ("K.P. Sharma Oli"), also when the tagger
   * had made the initials a name of their own (then the last piece in out is dropped).
   */
  private static Span withInitials(List<Token> tokens, Span span, List<Span> out) {
    if (span.type != Labels.typeIndex(EntityType.PERSON)) {
      return span;
    }
    int from = span.from;
    while (from > 0 && INITIALS.matcher(tokens.get(from - 1).text()).matches()) {
      Span last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.to > from - 1) {
        if (last.from != from - 1 || last.to != from) {
          break;
        }
        out.remove(out.size() - 1);
      }
      from--;
    }
    return from == span.from ? span : new Span(from, span.to, span.type);
  }

  /**
   * Another name right after a name: a nickname in quotes after a person's ('Pushpa Kamal Dahal
   * "Prachanda"'), or a short name in brackets ("Parti Pribumi Bersatu Malaysia (Bersatu)"), one to
   * three capitalised words of letters. Token bounds [start, end) of the words inside, or null.
   */
  private static int[] alias(List<Token> tokens, Span name, boolean organisation) {
    boolean quotesToo = !organisation;
    int i = name.to;
    if (i + 2 >= tokens.size()) {
      return null;
    }
    String open = tokens.get(i).text();
    boolean bracket = open.equals("(");
    if (!bracket && !(quotesToo && isQuote(open))) {
      return null;
    }
    int end = i + 1;
    while (end < tokens.size() && end - i <= 3 && isNameWord(tokens.get(end).text())) {
      end++;
    }
    if (end == i + 1 || end >= tokens.size() || end - i > 3) {
      return null;
    }
    String close = tokens.get(end).text();
    // Codes of one or two letters in brackets are market or league codes, not names; nor is a
    // contract month or a common noun's acronym ("EUROLIRA (SEP)", "Nvidia (GPU)").
    // Two capitals that spell an organisation's initials are its short name: "New Democracy (ND)".
    boolean shortCode = end == i + 2
        && (tokens.get(i + 1).text().length() < 3 || COMMON_ACRONYMS.contains(tokens.get(i + 1).text()))
        && !(organisation && spellsInitials(tokens, name, new int[] {i + 1, end}));
    return !shortCode && (bracket ? close.equals(")") : isQuote(close)) ? new int[] {i + 1, end} : null;
  }

  /**
   * Is the one word in brackets an acronym of the name's initials, or of its last words'
   * ("Conservative New Democracy (ND)", "Pakistan Tehreek-e-Insaf (PTI)")?
   */
  private static boolean spellsInitials(List<Token> tokens, Span name, int[] inBrackets) {
    if (inBrackets[1] - inBrackets[0] != 1) {
      return false;
    }
    String acronym = tokens.get(inBrackets[0]).text();
    if (acronym.length() < 2 || !acronym.equals(acronym.toUpperCase(Locale.ROOT))) {
      return false;
    }
    for (int from = name.from; from < name.to; from++) {
      StringBuilder words = new StringBuilder();
      for (int k = from; k < name.to; k++) {
        words.append(tokens.get(k).text()).append(' ');
      }
      if (EntityAssembler.initials(words.toString().strip()).equals(acronym)) {
        return true;
      }
    }
    return false;
  }

  /**
   * How many spans from the one at index first lie inside the brackets inBrackets, if each is an
   * organisation or MISC (the tagger's reading of a qualifier's words: "Marxist-Leninist"); else -1.
   */
  private static int qualifierSpans(List<Span> spans, int first, int[] inBrackets) {
    int misc = Labels.typeIndex(EntityType.MISC);
    int org = Labels.typeIndex(EntityType.ORGANIZATION);
    int k = first;
    for (; k < spans.size() && spans.get(k).from < inBrackets[1]; k++) {
      Span span = spans.get(k);
      if (span.to > inBrackets[1] || span.type != misc && span.type != org) {
        return -1;
      }
    }
    return k - first;
  }

  /**
   * Are the words in brackets after an organisation's name a qualifier of that name (a party's
   * faction, "(Unified Marxist-Leninist)", "(Maoist Centre)") rather than its short name: two or
   * more words, or a hyphenated one, none of them an acronym or a word of the name itself?
   */
  private static boolean isQualifier(List<Token> tokens, Span name, int[] inBrackets) {
    if (name.to - name.from < 2) {
      return false;
    }
    boolean hyphen = false;
    for (int k = inBrackets[0]; k < inBrackets[1]; k++) {
      String w = tokens.get(k).text();
      if (w.length() > 1 && w.equals(w.toUpperCase(java.util.Locale.ROOT))) {
        return false;
      }
      for (int j = name.from; j < name.to; j++) {
        if (tokens.get(j).text().equalsIgnoreCase(w)) {
          return false;
        }
      }
      hyphen |= w.indexOf('-') > 0;
    }
    return inBrackets[1] - inBrackets[0] >= 2 || hyphen;
  }

  private static boolean isNameWord(String w) {
    if (!Character.isUpperCase(w.charAt(0))) {
      return false;
    }
    for (int k = 1; k < w.length(); k++) {
      char c = w.charAt(k);
      if (!Character.isLetter(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isQuote(String w) {
    return w.equals("\"") || w.equals("\u201c") || w.equals("\u201d") || w.equals("'") || w.equals("\u2018")
        || w.equals("\u2019");
  }

  private static boolean isLowerCase(String w) {
    return Character.isLowerCase(w.charAt(0));
  }

  /** Is the word (any case) listed in the dictionary? Call signs are not words. */
  private static boolean isWord(String w, Gazetteer gazetteer) {
    int dash = w.indexOf('-');
    String core = dash < 0 ? w : w.substring(0, dash);
    return gazetteer.casing(FeatureHash.ofLower(core, 0, core.length())) != 0;
  }

  /**
   * Start of the name in a mention's first word: after a lower-case prefix and hyphen
   * ("post-Geneva" gives the offset of "Geneva"), else the word's start.
   */
  static int nameStart(String word, int start) {
    int dash = word.indexOf('-');
    if (dash > 0 && dash + 1 < word.length() && Character.isUpperCase(word.charAt(dash + 1))
        && PREFIXES.contains(word.substring(0, dash).toLowerCase(java.util.Locale.ROOT))) {
      return start + dash + 1;
    }
    return start;
  }

  /**
   * End of the name in a mention's last word: before a hyphen and a lower-case modifier
   * ("Anwar-led" gives the end of "Anwar"), else the word's end.
   */
  static int nameEnd(String word, int end) {
    int dash = word.lastIndexOf('-');
    if (dash > 0 && dash + 1 < word.length() && AFFIXES.contains(word.substring(dash + 1))) {
      return end - (word.length() - dash);
    }
    return end;
  }

  /** The complete spans of a sentence's BILOU labels, in order. */
  static List<Span> spans(int[] y) {
    List<Span> spans = new ArrayList<>();
    int begin = -1;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == Labels.O) {
        begin = -1;
        continue;
      }
      int part = Labels.part(y[i]);
      if (part == 0 || part == 3) {
        begin = i;
      }
      if ((part == 2 || part == 3) && begin >= 0) {
        spans.add(new Span(begin, i + 1, Labels.type(y[i])));
        begin = -1;
      }
    }
    return spans;
  }

  /** Writes the span's BILOU labels into y. */
  static void write(int[] y, Span s) {
    if (s.to - s.from == 1) {
      y[s.from] = Labels.label(s.type, 3);
      return;
    }
    y[s.from] = Labels.label(s.type, 0);
    for (int k = s.from + 1; k < s.to - 1; k++) {
      y[k] = Labels.label(s.type, 1);
    }
    y[s.to - 1] = Labels.label(s.type, 2);
  }
}
