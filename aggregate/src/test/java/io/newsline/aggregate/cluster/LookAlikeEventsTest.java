package io.newsline.aggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Look-alike events (two earthquakes, two hit-and-runs): the same words, other anchors. The join
 * model here is written out (conflicting anchors cost 0.3 each) so the tests check the mechanism,
 * not the fitted weights; {@link #theBundledModelLoadsAndMatchesTheFeatures()} checks those load.
 */
class LookAlikeEventsTest {
  private static final Instant T0 = Instant.parse("2013-07-02T08:00:00Z");
  private static final String QUAKE = "Powerful earthquake strikes Indonesia province, buildings flattened, dozens injured";

  private static JoinModel anchorsCost(double cost) {
    double[] w = new double[JoinFeatures.NAMES.size()];
    w[JoinFeatures.EMBEDDING] = 0.5;
    w[JoinFeatures.TEXT] = 0.5;
    for (int i = JoinFeatures.TEXT + 1; i < w.length; i++) {
      w[i] = -cost;
    }
    double[] t = w.clone();
    t[JoinFeatures.EMBEDDING] = 0;
    t[JoinFeatures.TEXT] = 1;
    return new JoinModel("test", w, 0.37, t, 0.20);
  }

  private static final ClusterSettings SETTINGS = ClusterSettings.defaults().withJoinModel(anchorsCost(0.3));

  /** A long article (its lead names a person, a place and a weekday, 0 for none) with the anchor keys aggregate derives. */
  private static ClusterArticle quake(String id, Instant time, String person, String place, int weekday) {
    String text = QUAKE + " in " + place + " on day " + weekday + ". " + "Rescue teams searched collapsed houses. ".repeat(12);
    List<String> lead = weekday == 0 ? List.of("l:" + place, "p:" + person)
        : List.of("l:" + place, "p:" + person, ClusterArticles.WEEKDAYS, ClusterArticles.WEEKDAYS + weekday);
    List<String> all = List.of("h:" + person, "h:" + place, "h:indonesia");
    List<ClusterArticle.ArticleEntity> entities = List.of(
        new ClusterArticle.ArticleEntity("per:" + person, person, "PERSON", 1.0, 1, "neutral", 0),
        new ClusterArticle.ArticleEntity("loc:" + place, place, "LOCATION", 1.0, 1, "neutral", 0),
        new ClusterArticle.ArticleEntity("loc:indonesia", "Indonesia", "LOCATION", 0.5, 1, "neutral", 0));
    return new ClusterArticle(id, QUAKE, text, null, null, time, null, entities, List.of(), null,
        new ArticleAnchors(lead, all));
  }

  private static ClusterChange.Assigned assigned(List<ClusterChange> changes) {
    return changes.stream().filter(c -> c instanceof ClusterChange.Assigned).map(c -> (ClusterChange.Assigned) c).findFirst()
        .orElseThrow();
  }

  private static List<String> addAll(EventClusterer c, List<ClusterArticle> articles) {
    List<String> events = new ArrayList<>();
    for (ClusterArticle a : articles) {
      events.add(assigned(c.add(a)).eventId());
    }
    return events;
  }

  /** The first event: five articles about a quake in Papua on a Sunday, led by the same official. */
  private static List<ClusterArticle> papua() {
    List<ClusterArticle> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      out.add(quake("papua-" + i, T0.plusSeconds(60L * i), "sutopo", "papua", 7));
    }
    return out;
  }

  @Test
  void withoutAnchorsTheLookAlikeJoinsOnSimilarityAlone() {
    EventClusterer c = new EventClusterer(SETTINGS.withJoinModel(null), new InMemoryEventRepository());
    String papua = addAll(c, papua()).get(0);
    assertThat(assigned(c.add(quake("aceh-0", T0.plusSeconds(600), "fauzi", "aceh", 2))).eventId()).isEqualTo(papua);
  }

  @Test
  void aLookAlikeWithOtherPeoplePlaceAndDayOpensItsOwnEventAndGathersItsArticles() {
    EventClusterer c = new EventClusterer(SETTINGS, new InMemoryEventRepository());
    String papua = addAll(c, papua()).get(0);
    List<String> aceh = addAll(c, List.of(
        quake("aceh-0", T0.plusSeconds(600), "fauzi", "aceh", 2),
        quake("aceh-1", T0.plusSeconds(660), "fauzi", "aceh", 2),
        quake("aceh-2", T0.plusSeconds(720), "fauzi", "aceh", 2)));
    assertThat(aceh).doesNotContain(papua).containsOnly(aceh.get(0));
    // the Papua story goes on in its own event
    assertThat(assigned(c.add(quake("papua-5", T0.plusSeconds(780), "sutopo", "papua", 7))).eventId()).isEqualTo(papua);
    assertThat(c.activeEvents()).isEqualTo(2);
  }

  /** Only the day of the week conflicts: a model in which it alone costs more than the similarity's margin. */
  @Test
  void aLeadOnAnotherWeekdayIsALookAlikeWhenNoMemberLedWithThatDay() {
    double[] w = new double[JoinFeatures.NAMES.size()];
    w[JoinFeatures.EMBEDDING] = 0.5;
    w[JoinFeatures.TEXT] = 0.5;
    w[JoinFeatures.NAMES.indexOf("weekday_unseen")] = -0.9;
    double[] t = new double[w.length];
    t[JoinFeatures.TEXT] = 1;
    t[JoinFeatures.NAMES.indexOf("weekday_unseen")] = -0.9;
    EventClusterer c = new EventClusterer(ClusterSettings.defaults().withJoinModel(new JoinModel("weekday", w, 0.37, t, 0.20)),
        new InMemoryEventRepository());
    String papua = addAll(c, papua()).get(0); // every lead: Sunday
    // the same people, place and words on a Tuesday: another quake
    assertThat(assigned(c.add(quake("tuesday", T0.plusSeconds(600), "sutopo", "papua", 2))).eventId()).isNotEqualTo(papua);
    // on the Sunday, or naming no day: the same one
    assertThat(assigned(c.add(quake("sunday", T0.plusSeconds(660), "sutopo", "papua", 7))).eventId()).isEqualTo(papua);
    assertThat(assigned(c.add(quake("no-day", T0.plusSeconds(720), "sutopo", "papua", 0))).eventId()).isEqualTo(papua);
  }

  @Test
  void aDayIsNoEvidenceUntilTwoOfTheEventsLeadsNamedOne() {
    EventState e = new EventState("e");
    e.anchoredArticles = 3;
    e.leadArticles.put(ClusterArticles.WEEKDAYS, 1);
    e.leadArticles.put(ClusterArticles.WEEKDAYS + 7, 1);
    JoinFeatures.Article tuesday = JoinFeatures.Article.of(quake("tuesday", T0, "sutopo", "papua", 2));
    int day = JoinFeatures.NAMES.indexOf("weekday_unseen");
    assertThat(JoinFeatures.of(tuesday, e, 0.5, 0.5)[day]).isZero();
    e.leadArticles.put(ClusterArticles.WEEKDAYS, 2);
    e.leadArticles.put(ClusterArticles.WEEKDAYS + 7, 2);
    assertThat(JoinFeatures.of(tuesday, e, 0.5, 0.5)[day]).isEqualTo(1.0);
    e.leadArticles.put(ClusterArticles.WEEKDAYS + 2, 1); // one member led with Tuesday too
    assertThat(JoinFeatures.of(tuesday, e, 0.5, 0.5)[day]).isZero();
  }

  @Test
  void aDateLinesYearThatNoMemberMentionsIsEvidenceOfAnotherEvent() {
    EventState e = new EventState("e");
    e.anchoredArticles = 3;
    e.anchorArticles.put("y:2008", 2);
    int dated = JoinFeatures.NAMES.indexOf("dated_unseen");
    int named = JoinFeatures.NAMES.indexOf("year_unseen");
    JoinFeatures.Article of2013 = JoinFeatures.Article.of(new ClusterArticle("a", QUAKE, QUAKE, null, null, T0, null, List.of(),
        List.of(), null, new ArticleAnchors(List.of("d:2013"), List.of("m:2013", "y:2013"))));
    double[] f = JoinFeatures.of(of2013, e, 0.5, 0.5);
    assertThat(f[dated]).isEqualTo(1.0);
    assertThat(f[named]).isZero(); // its lead names no year
    e.anchorArticles.put("y:2013", 1); // a member mentions 2013
    assertThat(JoinFeatures.of(of2013, e, 0.5, 0.5)[dated]).isZero();
  }

  /** Two injured players of one team: the second's articles name the first, the first's name the second in passing. */
  @Test
  void aLeadWithoutTheEventsCorePersonConflictsEvenWhenTheEventMentionsWhoLeadsIt() {
    EventState e = new EventState("e");
    e.anchoredArticles = 4;
    e.leadArticles.put("p:bush", 4);
    e.leadArticles.put("p:thomas", 1); // one lead named the team-mate too
    e.anchorArticles.put("h:bush", 4);
    e.anchorArticles.put("h:thomas", 2);
    e.anchorArticles.put("h:papua", 4);
    int offCore = JoinFeatures.NAMES.indexOf("lead_person_off_core");
    int isNew = JoinFeatures.NAMES.indexOf("lead_person_new");
    double[] thomas = JoinFeatures.of(JoinFeatures.Article.of(quake("thomas", T0, "thomas", "papua", 0)), e, 0.5, 0.5);
    assertThat(thomas[isNew]).isZero(); // the event's articles do name him
    assertThat(thomas[offCore]).isEqualTo(1.0); // but he does not lead them
    assertThat(JoinFeatures.of(JoinFeatures.Article.of(quake("bush", T0, "bush", "papua", 0)), e, 0.5, 0.5)[offCore]).isZero();
    e.leadArticles.put("p:bush", 1); // no person leads half of the event's articles: no evidence
    assertThat(JoinFeatures.of(JoinFeatures.Article.of(quake("thomas", T0, "thomas", "papua", 0)), e, 0.5, 0.5)[offCore]).isZero();
  }

  @Test
  void anArticleKeptOutByAnchorsThatFindsNoSecondArticleIsAdoptedByItsParent() {
    EventClusterer c = new EventClusterer(SETTINGS, new InMemoryEventRepository());
    String papua = addAll(c, papua()).get(0);
    // one article about the same quake names a new official and a town: its anchors conflict, it opens a provisional event
    String odd = assigned(c.add(quake("odd", T0.plusSeconds(600), "widodo", "manokwari", 7))).eventId();
    assertThat(odd).isNotEqualTo(papua);
    List<ClusterChange> changes = new ArrayList<>();
    for (int i = 0; i < EventClusterer.ADOPT_AFTER; i++) {
      changes = c.add(quake("papua-more-" + i, T0.plusSeconds(700L + i), "sutopo", "papua", 7));
    }
    // the parent took its articles, the orphan none: it merges into the parent
    assertThat(changes).anyMatch(ch -> ch instanceof ClusterChange.EventRemoved r && r.eventId().equals(odd));
    assertThat(changes).anyMatch(ch -> ch instanceof ClusterChange.Assigned a && a.articleId().equals("odd")
        && a.eventId().equals(papua) && a.reason().equals("merged"));
    assertThat(c.activeEvents()).isEqualTo(1);
  }

  @Test
  void twoLookAlikeEventsDoNotMergeWhenAnArticleQualifiesForBoth() {
    EventClusterer c = new EventClusterer(SETTINGS.withJoinModel(anchorsCost(0.3)), new InMemoryEventRepository());
    String papua = addAll(c, papua()).get(0);
    List<String> aceh = addAll(c, List.of(
        quake("aceh-0", T0.plusSeconds(600), "fauzi", "aceh", 2),
        quake("aceh-1", T0.plusSeconds(660), "fauzi", "aceh", 2),
        quake("aceh-2", T0.plusSeconds(720), "fauzi", "aceh", 2),
        quake("aceh-3", T0.plusSeconds(780), "fauzi", "aceh", 2),
        quake("aceh-4", T0.plusSeconds(840), "fauzi", "aceh", 2)));
    // a round-up naming neither side's people qualifies for both on similarity
    ClusterArticle roundUp = new ClusterArticle("round-up", QUAKE, QUAKE + ". " + "Rescue teams searched collapsed houses. ".repeat(12),
        null, null, T0.plusSeconds(900), null, List.of(), List.of(), null, new ArticleAnchors(List.of(), List.of("h:indonesia")));
    List<ClusterChange> changes = c.add(roundUp);
    assertThat(changes).noneMatch(ch -> ch instanceof ClusterChange.EventRemoved);
    assertThat(c.activeEvents()).isEqualTo(2);
    assertThat(aceh.get(0)).isNotEqualTo(papua);
  }

  @Test
  void restoringFromTheRepositoryKeepsTheProvisionalBookkeeping() {
    List<ClusterArticle> in = new ArrayList<>(papua());
    in.add(quake("odd", T0.plusSeconds(600), "widodo", "manokwari", 7));
    for (int i = 0; i < 4; i++) {
      in.add(quake("papua-more-" + i, T0.plusSeconds(700L + i), "sutopo", "papua", 7));
    }
    InMemoryEventRepository repo = new InMemoryEventRepository();
    EventClusterer original = new EventClusterer(SETTINGS, repo);
    EventClusterer straight = new EventClusterer(SETTINGS, new InMemoryEventRepository());
    int cut = 6; // after the provisional event opened
    for (int i = 0; i < cut; i++) {
      original.add(in.get(i));
      straight.add(in.get(i));
    }
    InMemoryEventRepository copy = new InMemoryEventRepository();
    for (EventState e : repo.all()) {
      copy.put(EventStateCodec.decode(EventStateCodec.encode(e)));
      repo.members(e.id).forEach(m -> copy.addMember(e.id, m));
    }
    EventClusterer restored = new EventClusterer(SETTINGS, copy);
    for (int i = cut; i < in.size(); i++) {
      assertThat(EventClustererTest.summary(restored.add(in.get(i)))).isEqualTo(EventClustererTest.summary(straight.add(in.get(i))));
    }
  }

  @Test
  void timeDecayWeakensAStoryPastItsWindowAndDormancyEndsIt() {
    // the same words every time (similarity 1 before decay), no anchors: only time tells the articles apart
    ClusterSettings s = SETTINGS.withJoinModel(null);
    long window = s.window().toMillis();
    EventClusterer c = new EventClusterer(s, new InMemoryEventRepository());
    String first = assigned(c.add(quake("q-0", T0, "a", "b", 1))).eventId();
    ClusterChange.Assigned dayLater = assigned(c.add(quake("q-1", T0.plus(Duration.ofDays(1)), "a", "b", 1)));
    assertThat(dayLater.eventId()).isEqualTo(first);
    assertThat(dayLater.similarity()).isEqualTo(1.0); // within the window: no decay
    Instant late = T0.plus(Duration.ofDays(1)).plusMillis(window + window / 4);
    ClusterChange.Assigned decayed = assigned(c.add(quake("q-2", late, "a", "b", 1)));
    assertThat(decayed.eventId()).isEqualTo(first);
    assertThat(decayed.similarity()).isCloseTo(Math.exp(-0.25), org.assertj.core.data.Offset.offset(1e-4));
    // quiet for longer than the dormancy period: the story is retired, the same words open a new event
    List<ClusterChange> afterDormancy = c.add(quake("q-3", late.plus(s.dormancy()).plusSeconds(1), "a", "b", 1));
    assertThat(afterDormancy).anyMatch(ch -> ch instanceof ClusterChange.EventChanged e && e.event().id.equals(first)
        && e.event().status.equals("dormant"));
    assertThat(assigned(afterDormancy).eventId()).isNotEqualTo(first);
  }

  @Test
  void onAStreamWithDatesTheBundledModelLetsTimeDecaySeparateALaterLookAlike() {
    // a long dormancy, so that only the decay keeps the later quake out
    ClusterSettings d = ClusterSettings.defaults();
    ClusterSettings s = new ClusterSettings(d.threshold(), d.textThreshold(), d.embeddingWeight(), d.entityWeight(), d.sizePenalty(),
        d.mergeMargin(), Duration.ofDays(30), d.window(), d.maxArticles(), JoinModel.standard());
    EventClusterer c = new EventClusterer(s, new InMemoryEventRepository());
    String first = addAll(c, papua()).get(0);
    // same people, place and words: no anchor tells them apart, only the dates
    ClusterChange.Assigned nextDay = assigned(c.add(quake("papua-next-day", T0.plus(Duration.ofDays(1)), "sutopo", "papua", 7)));
    assertThat(nextDay.eventId()).isEqualTo(first);
    Instant justPastWindow = T0.plus(Duration.ofDays(1)).plus(s.window()).plus(Duration.ofHours(12));
    ClusterChange.Assigned late = assigned(c.add(quake("papua-late", justPastWindow, "sutopo", "papua", 7)));
    assertThat(late.eventId()).isEqualTo(first);
    assertThat(late.similarity()).isLessThan(nextDay.similarity()); // decayed, still above the threshold
    Instant weeksLater = justPastWindow.plus(Duration.ofDays(10));
    ClusterChange.Assigned lookAlike = assigned(c.add(quake("papua-again", weeksLater, "sutopo", "papua", 7)));
    assertThat(lookAlike.eventId()).isNotEqualTo(first);
    assertThat(lookAlike.reason()).isEqualTo("opened");
    assertThat(c.activeEvents()).isEqualTo(2);
  }

  @Test
  void theBundledModelLoadsAndMatchesTheFeatures() {
    JoinModel m = JoinModel.standard();
    assertThat(m.embedded()).hasSize(JoinFeatures.NAMES.size());
    assertThat(m.embeddedThreshold()).isBetween(0.2, 0.6);
    // conflicts cost, and each costs less than the threshold: evidence, not proof
    for (int i = JoinFeatures.TEXT + 1; i < m.embedded().length; i++) {
      assertThat(m.embedded()[i]).isBetween(-m.embeddedThreshold(), 0.0);
      assertThat(m.textOnly()[i]).isBetween(-m.textThreshold(), 0.0);
    }
    assertThat(ClusterSettings.defaults().joinModel()).isSameAs(m);
  }
}
