package io.newsline.aggregate.testing;

import io.newsline.avro.EnrichedArticle;
import io.newsline.avro.Entity;
import io.newsline.avro.EntityStance;
import io.newsline.avro.EventAnchors;
import io.newsline.avro.Mention;
import io.newsline.avro.Quantity;
import io.newsline.avro.Quote;
import io.newsline.avro.TimeExpression;
import io.newsline.embedding.EmbeddingCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A synthetic but news-shaped stream of enriched articles for load tests, benchmarks and the
 * scaling integration test: stories with their own people, organisations, places and vocabulary
 * (drawn Zipf-like from shared pools, so stories overlap the way real ones do: popular entities
 * and words occur in many), articles that retell a story in different words over a few days, an
 * embedding near the story's direction, quotes that several outlets repeat, and event anchors as
 * enrich extracts them (the story's day and an identifying number in the lead, background years
 * and counts in the body). Deterministic for a seed; the anchors come from their own random
 * stream, so the rest of each article is what it was before they existed.
 */
public final class SyntheticNews {
  private static final String[] OUTLETS = {"reuters", "apnews", "bbc", "guardian", "nytimes", "cnn", "aljazeera",
      "dw", "france24", "npr", "wsj", "ft", "bloomberg", "politico", "axios", "theverge"};
  private static final String[] TYPES = {"PERSON", "ORGANIZATION", "LOCATION"};

  private final SplittableRandom random;
  private final int vocabulary;
  private final int entityPool;
  private final int dims;
  private final String[] words;
  private final double[] zipf;

  /**
   * @param seed random seed
   * @param vocabulary pool of distinct words (Zipf-distributed use)
   * @param entityPool pool of distinct entities
   * @param dims embedding dimensions (0: no embeddings)
   */
  public SyntheticNews(long seed, int vocabulary, int entityPool, int dims) {
    this.random = new SplittableRandom(seed);
    this.vocabulary = vocabulary;
    this.entityPool = entityPool;
    this.dims = dims;
    this.words = new String[vocabulary];
    Random r = new Random(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < vocabulary; i++) {
      words[i] = pseudoWord(r, i);
    }
    this.zipf = new double[vocabulary];
    double sum = 0;
    for (int i = 0; i < vocabulary; i++) {
      sum += 1.0 / (i + 1);
      zipf[i] = sum;
    }
    for (int i = 0; i < vocabulary; i++) {
      zipf[i] /= sum;
    }
  }

  /**
   * A stand-in for the embedding cascade's fine model (MiniLM) on these articles: a pure function of
   * what MiniLM reads (headline and lead, {@link io.newsline.embedding.SentenceEmbedder#input}: the
   * words hashed into 64 dimensions, quantised as on the wire), so that an event's kept warm-up lead
   * embeds as its article did; thread-safe, and slow enough, by an amount that varies with the
   * text, that a pool running it races the clustering thread.
   */
  public static float[] fineStandIn(io.newsline.aggregate.cluster.ClusterArticle a) {
    String input = io.newsline.embedding.SentenceEmbedder.input(a.title(), a.text()).strip();
    float[] v = new float[64];
    for (String w : input.toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), v.length)] += 1;
      }
    }
    try {
      Thread.sleep(Math.floorMod(input.hashCode(), 3));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
    return EmbeddingCodec.decode(EmbeddingCodec.encode(v));
  }

  /** One story: its vocabulary, entities, embedding direction, start and the quotes its sources give. */
  private record Story(int id, int[] words, int[] entities, float[] direction, long start, List<String> quotes) {}

  /**
   * Generates {@code articles} articles about {@code stories} stories, starting at {@code start},
   * stories starting evenly over {@code span}, each one's articles spread over {@code storyLength},
   * all sorted by time (ties by id).
   */
  public List<EnrichedArticle> articles(int articles, int stories, Instant start, Duration span, Duration storyLength) {
    return articles(articles, stories, start, span, storyLength, 0);
  }

  /**
   * The same with heavy-tailed story sizes, as in real news: each article picks a story with
   * probability proportional to 1 / rank^{@code skew} (ranks a random permutation of the stories);
   * with skew 1 and 100,000 articles over 30,000 stories the biggest story has about 9,000 articles,
   * the tenth about 900, and most stories one or two. Skew 0 picks stories uniformly.
   */
  public List<EnrichedArticle> articles(int articles, int stories, Instant start, Duration span, Duration storyLength, double skew) {
    List<Story> all = new ArrayList<>(stories);
    for (int s = 0; s < stories; s++) {
      long t = start.toEpochMilli() + (long) (span.toMillis() * (s / (double) stories));
      all.add(story(s, t));
    }
    double[] popularity = skew > 0 ? popularity(stories, skew) : null;
    List<EnrichedArticle> out = new ArrayList<>(articles);
    for (int i = 0; i < articles; i++) {
      int s = popularity == null ? random.nextInt(stories) : pick(popularity);
      Story story = all.get(s);
      long t = story.start() + (long) (storyLength.toMillis() * random.nextDouble() * random.nextDouble());
      out.add(article("syn-" + i, story, t));
    }
    out.sort((x, y) -> {
      int c = x.getPublishedAt().compareTo(y.getPublishedAt());
      return c != 0 ? c : x.getId().compareTo(y.getId());
    });
    return out;
  }

  /**
   * {@code n} articles of one new big story (id {@code storyId}), spread over {@code length} from
   * {@code start}, in time order. Like the stories that grow to thousands of articles, they repeat
   * the story's words and names more than the others do, so they keep joining one event.
   */
  public List<EnrichedArticle> story(int storyId, int n, Instant start, Duration length) {
    Story story = story(storyId, start.toEpochMilli());
    List<EnrichedArticle> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(article("syn-s" + storyId + "-" + i, story, story.start() + length.toMillis() * i / Math.max(1, n), 0.5));
    }
    return out;
  }

  /** Cumulative pick probabilities: story s has rank perm(s) + 1 and weight 1 / rank^skew. */
  private double[] popularity(int stories, double skew) {
    int[] rank = new int[stories];
    for (int i = 0; i < stories; i++) {
      rank[i] = i;
    }
    for (int i = stories - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rank[i];
      rank[i] = rank[j];
      rank[j] = t;
    }
    double[] cumulative = new double[stories];
    double sum = 0;
    for (int s = 0; s < stories; s++) {
      sum += Math.pow(rank[s] + 1, -skew);
      cumulative[s] = sum;
    }
    for (int s = 0; s < stories; s++) {
      cumulative[s] /= sum;
    }
    return cumulative;
  }

  private int pick(double[] cumulative) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The story an article was generated from (gold label), parsed from its URL. */
  public static int storyOf(EnrichedArticle a) {
    String u = a.getUrl();
    return Integer.parseInt(u.substring(u.indexOf("/story-") + 7, u.lastIndexOf('/')));
  }

  private Story story(int id, long start) {
    int[] w = new int[12 + random.nextInt(8)];
    for (int i = 0; i < w.length; i++) {
      // story words come from the middle and tail of the distribution: distinctive, not stop-word-like
      w[i] = 50 + random.nextInt(vocabulary - 50);
    }
    int[] e = new int[3 + random.nextInt(4)];
    for (int i = 0; i < e.length; i++) {
      e[i] = i == 0 ? zipfIndex(entityPool) : random.nextInt(entityPool);
    }
    float[] dir = null;
    if (dims > 0) {
      dir = new float[dims];
      for (int i = 0; i < dims; i++) {
        dir[i] = (float) gaussian();
      }
    }
    List<String> quotes = new ArrayList<>();
    int q = random.nextInt(4);
    for (int i = 0; i < q; i++) {
      quotes.add(sentence(w, 8 + random.nextInt(10), 0.5));
    }
    return new Story(id, w, e, dir, start, quotes);
  }

  private EnrichedArticle article(String id, Story s, long time) {
    return article(id, s, time, 0.25);
  }

  /** @param storyShare share of the body's words that are the story's own (the headline's is higher) */
  private EnrichedArticle article(String id, Story s, long time, double storyShare) {
    String title = capitalise(sentence(s.words(), 6 + random.nextInt(6), 0.6 + (storyShare - 0.25)));
    StringBuilder text = new StringBuilder();
    int sentences = 8 + random.nextInt(12);
    for (int i = 0; i < sentences; i++) {
      text.append(capitalise(sentence(s.words(), 10 + random.nextInt(15), storyShare))).append(". ");
    }
    List<Entity> entities = new ArrayList<>();
    int n = Math.max(1, s.entities().length - random.nextInt(2));
    for (int i = 0; i < n; i++) {
      int en = s.entities()[i];
      String type = TYPES[en % 3];
      String name = "Entity" + en;
      double salience = Math.round((1.0 - i * 0.15) * 100) / 100.0;
      double score = Math.round((random.nextDouble() * 2 - 1) * 100) / 100.0;
      String label = score < -0.3 ? "negative" : score > 0.3 ? "positive" : "neutral";
      entities.add(new Entity(type.substring(0, 3).toLowerCase() + ":entity" + en, name, type, Math.max(0.1, salience),
          new EntityStance(label, score, List.of()), List.of(new Mention(0, name.length(), "text", name))));
    }
    List<Quote> quotes = new ArrayList<>();
    for (String q : s.quotes()) {
      if (random.nextDouble() < 0.5) {
        quotes.add(new Quote("per:entity" + s.entities()[0], "Entity" + s.entities()[0], q, 0, q.length(), "text"));
      }
    }
    String outlet = OUTLETS[random.nextInt(OUTLETS.length)];
    return EnrichedArticle.newBuilder()
        .setId(id)
        .setUrl("https://" + outlet + ".example/story-" + s.id() + "/" + id)
        .setCanonicalUrl(null)
        .setOutlet(outlet)
        .setTitle(title)
        .setText(text.toString())
        .setLanguage("en")
        .setPublishedAt(Instant.ofEpochMilli(time))
        .setIngestedAt(Instant.ofEpochMilli(time))
        .setDuplicateOf(null)
        .setEntities(entities)
        .setQuotes(quotes)
        .setEnricher("synthetic")
        .setEmbedding(s.direction() == null ? null : EmbeddingCodec.encode(near(s.direction())))
        .setAnchors(anchors(id, s, text.toString(), time))
        .build();
  }

  /**
   * What enrich would find: the lead (first sentence) gives the story's day as a weekday and one
   * number that identifies the story (a victim's age, say); the body recalls a background year and
   * counts something.
   */
  private static EventAnchors anchors(String id, Story s, String text, long time) {
    SplittableRandom r = new SplittableRandom(id.hashCode() * 31L + s.id());
    int leadEnd = text.indexOf(". ") + 1;
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(s.start()), ZoneOffset.UTC);
    String weekday = day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ROOT);
    List<TimeExpression> times = new ArrayList<>();
    times.add(new TimeExpression("on " + weekday, 0, 0, "text", day.toString(), true, "lead"));
    String year = Integer.toString(1990 + r.nextInt(30));
    times.add(new TimeExpression(year, leadEnd, leadEnd, "text", year, false, "body"));
    List<Quantity> quantities = new ArrayList<>();
    String age = Integer.toString(18 + s.id() % 70);
    quantities.add(new Quantity(age + "-year-old", 0, 0, "text", "age", "age", age, "lead"));
    String count = Integer.toString(2 + r.nextInt(50));
    quantities.add(new Quantity(count + " people", leadEnd, leadEnd, "text", "count", "people", count, "body"));
    String reference = LocalDate.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC).toString();
    return new EventAnchors(leadEnd, reference, times, quantities);
  }

  private float[] near(float[] dir) {
    double norm = 0;
    for (float x : dir) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] v = new float[dir.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (dir[i] / norm + 0.06 * gaussian());
    }
    return v;
  }

  /** Words of the story mixed with common background words. */
  private String sentence(int[] story, int length, double storyShare) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(random.nextDouble() < storyShare ? words[story[random.nextInt(story.length)]] : words[zipfIndex(vocabulary)]);
    }
    return b.toString();
  }

  private int zipfIndex(int n) {
    return pick(zipf) % n;
  }

  private double gaussian() {
    double u = Math.max(1e-12, random.nextDouble());
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String pseudoWord(Random r, int i) {
    String consonants = "bcdfghjklmnprstvwz";
    String vowels = "aeiou";
    StringBuilder b = new StringBuilder();
    int syllables = 2 + (i % 3);
    for (int k = 0; k < syllables; k++) {
      b.append(consonants.charAt(r.nextInt(consonants.length()))).append(vowels.charAt(r.nextInt(vowels.length())));
    }
    b.append(consonants.charAt(i % consonants.length()));
    return b.toString();
  }
}
