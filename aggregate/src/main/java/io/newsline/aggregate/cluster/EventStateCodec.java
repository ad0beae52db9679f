package io.newsline.aggregate.cluster;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored form of an event's state and of an article's membership: compact binary, a format
 * byte first, every number exact (doubles as their bits), so a restored event continues exactly as
 * the original and equal states are equal bytes. Several times faster and smaller than the JSON it
 * replaces; writing an event costs what its bounded state holds, not what its articles were.
 * A field added to {@link EventState} or {@link TimelineState} must be added here
 * (EventStateCodecTest fails until it is).
 *
 * <p>Format 1 is an event without the embedding cascade's fine sum; format 2 adds it (after the
 * embedding's count). An event without one is written in format 1, so its bytes are what they
 * were before the cascade existed, and both formats are read. Format 3 is format 2 and the name
 * of the embedding model (after the fine sum's count), written whenever the event has one: an
 * event read from format 1 or 2 has none, and {@link EmbeddingModels} tells its model from its sum.
 * Format 4 is format 3 (its model name possibly null) with the cascade's unembedded warm-up leads
 * ({@link EventState#fineLeads}) appended after the timeline; written only while an event holds
 * some, so every other event keeps its format 3 bytes.
 */
public final class EventStateCodec {
  static final int FORMAT = 1;
  /** Format 1 and the cascade's fine embedding sum ({@link EventState#fineEmbedding}). */
  static final int FORMAT_FINE = 2;
  /** Format 2 and the embedding model's name ({@link EventState#embeddingModel}). */
  static final int FORMAT_MODEL = 3;
  /** Format 3 and the cascade's warm-up leads not yet embedded ({@link EventState#fineLeads}), at the end. */
  static final int FORMAT_LEADS = 4;

  private EventStateCodec() {}

  public static byte[] encode(EventState e) {
    Output out = Output.reused();
    boolean leads = !e.fineLeads.isEmpty();
    boolean named = leads || e.embeddingModel != null;
    boolean fine = named || e.fineEmbedding != null || e.fineEmbeddedArticles != 0;
    out.writeByte(leads ? FORMAT_LEADS : named ? FORMAT_MODEL : fine ? FORMAT_FINE : FORMAT);
    str(out, e.id);
    str(out, e.status);
    out.writeLong(e.firstSeen);
    out.writeLong(e.lastUpdated);
    out.writeLong(e.version);
    strings(out, e.mergedFrom);
    str(out, e.provisionalOf);
    out.writeInt(e.parentArticlesAtOpen);
    out.writeInt(e.articleCount);
    out.writeInt(e.centroid.size());
    for (Map.Entry<String, Double> t : e.centroid.entrySet()) {
      str(out, t.getKey());
      out.writeDouble(t.getValue());
    }
    counts(out, e.termDocs);
    counts(out, e.entityArticles);
    counts(out, e.anchorArticles);
    counts(out, e.leadArticles);
    out.writeInt(e.anchoredArticles);
    out.writeInt(e.fullArticles);
    floats(out, e.embedding);
    out.writeInt(e.embeddedArticles);
    if (fine) {
      floats(out, e.fineEmbedding);
      out.writeInt(e.fineEmbeddedArticles);
    }
    if (named) {
      str(out, e.embeddingModel);
    }
    timeline(out, e.timeline);
    if (leads) {
      out.writeInt(e.fineLeads.size());
      for (EventState.FineLead l : e.fineLeads) {
        str(out, l.articleId());
        str(out, l.text());
      }
    }
    return out.toByteArray();
  }

  public static EventState decode(byte[] b) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      int format = in.readUnsignedByte();
      if (format < FORMAT || format > FORMAT_LEADS) {
        throw new IllegalArgumentException("event state in format " + format + ", expected " + FORMAT + " to " + FORMAT_LEADS
            + " (state from another version: reset the aggregate stage to rebuild it)");
      }
      EventState e = new EventState();
      e.id = str(in);
      e.status = str(in);
      e.firstSeen = in.readLong();
      e.lastUpdated = in.readLong();
      e.version = in.readLong();
      e.mergedFrom = strings(in);
      e.provisionalOf = str(in);
      e.parentArticlesAtOpen = in.readInt();
      e.articleCount = in.readInt();
      for (int i = 0, n = in.readInt(); i < n; i++) {
        e.centroid.put(str(in), in.readDouble());
      }
      e.termDocs = counts(in);
      e.entityArticles = counts(in);
      e.anchorArticles = counts(in);
      e.leadArticles = counts(in);
      e.anchoredArticles = in.readInt();
      e.fullArticles = in.readInt();
      e.embedding = floats(in);
      e.embeddedArticles = in.readInt();
      if (format >= FORMAT_FINE) {
        e.fineEmbedding = floats(in);
        e.fineEmbeddedArticles = in.readInt();
      }
      if (format >= FORMAT_MODEL) {
        e.embeddingModel = str(in);
      }
      e.timeline = timeline(in);
      if (format == FORMAT_LEADS) {
        for (int i = 0, n = in.readInt(); i < n; i++) {
          e.fineLeads.add(new EventState.FineLead(str(in), str(in)));
        }
      }
      return e;
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  public static byte[] encode(EventRepository.Member m) {
    Output out = new Output(128);
    out.writeByte(FORMAT);
    str(out, m.articleId());
    out.writeLong(m.time());
    str(out, m.outlet());
    str(out, m.url());
    str(out, m.title());
    return out.toByteArray();
  }

  public static EventRepository.Member decodeMember(byte[] b) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
      in.readUnsignedByte();
      return new EventRepository.Member(str(in), in.readLong(), str(in), str(in), str(in));
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static void timeline(Output out, TimelineState t) {
    entry(out, t.first);
    str(out, t.label);
    out.writeLong(t.labelTime);
    str(out, t.labelId);
    out.writeInt(t.recent.size());
    for (TimelineState.Entry e : t.recent) {
      entry(out, e);
    }
    out.writeInt(t.entities.size());
    for (Map.Entry<String, TimelineState.EntityTally> en : t.entities.entrySet()) {
      str(out, en.getKey());
      str(out, en.getValue().name);
      str(out, en.getValue().type);
      out.writeInt(en.getValue().articles);
      out.writeInt(en.getValue().mentions);
    }
    out.writeInt(t.stances.size());
    for (Map.Entry<String, TimelineState.StanceTally> s : t.stances.entrySet()) {
      str(out, s.getKey());
      out.writeInt(s.getValue().negative);
      out.writeInt(s.getValue().neutral);
      out.writeInt(s.getValue().positive);
      out.writeDouble(s.getValue().scoreSum);
    }
    out.writeInt(t.quotes.size());
    for (TimelineState.QuoteTally q : t.quotes) {
      str(out, q.speakerId);
      str(out, q.speaker);
      str(out, q.text);
      str(out, q.firstOutlet);
      out.writeLong(q.firstSeen);
      strings(out, q.outlets);
      strings(out, q.articleIds);
      out.writeInt(q.articles);
    }
    out.writeInt(t.quotesSeen);
    distinct(out, t.outlets);
    distinct(out, t.entityIds);
  }

  private static TimelineState timeline(DataInputStream in) throws IOException {
    TimelineState t = new TimelineState();
    t.first = entry(in);
    t.label = str(in);
    t.labelTime = in.readLong();
    t.labelId = str(in);
    for (int i = 0, n = in.readInt(); i < n; i++) {
      t.recent.add(entry(in));
    }
    for (int i = 0, n = in.readInt(); i < n; i++) {
      String id = str(in);
      TimelineState.EntityTally en = new TimelineState.EntityTally();
      en.name = str(in);
      en.type = str(in);
      en.articles = in.readInt();
      en.mentions = in.readInt();
      t.entities.put(id, en);
    }
    for (int i = 0, n = in.readInt(); i < n; i++) {
      String key = str(in);
      TimelineState.StanceTally s = new TimelineState.StanceTally();
      s.negative = in.readInt();
      s.neutral = in.readInt();
      s.positive = in.readInt();
      s.scoreSum = in.readDouble();
      t.stances.put(key, s);
    }
    for (int i = 0, n = in.readInt(); i < n; i++) {
      TimelineState.QuoteTally q = new TimelineState.QuoteTally();
      q.speakerId = str(in);
      q.speaker = str(in);
      q.text = str(in);
      q.firstOutlet = str(in);
      q.firstSeen = in.readLong();
      q.outlets = strings(in);
      q.articleIds = strings(in);
      q.articles = in.readInt();
      t.quotes.add(q);
    }
    t.quotesSeen = in.readInt();
    t.outlets = distinct(in);
    t.entityIds = distinct(in);
    return t;
  }

  private static void entry(Output out, TimelineState.Entry e) {
    out.writeBoolean(e != null);
    if (e == null) {
      return;
    }
    str(out, e.id());
    str(out, e.outlet());
    str(out, e.url());
    str(out, e.title());
    str(out, e.lead());
    out.writeLong(e.time());
    out.writeInt(e.stance().size());
    for (TimelineState.Stance s : e.stance()) {
      str(out, s.entityId());
      str(out, s.label());
      out.writeDouble(s.score());
    }
  }

  private static TimelineState.Entry entry(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    String id = str(in);
    String outlet = str(in);
    String url = str(in);
    String title = str(in);
    String lead = str(in);
    long time = in.readLong();
    int n = in.readInt();
    List<TimelineState.Stance> stance = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      stance.add(new TimelineState.Stance(str(in), str(in), in.readDouble()));
    }
    return new TimelineState.Entry(id, outlet, url, title, lead, time, List.copyOf(stance));
  }

  private static void distinct(Output out, DistinctCount d) {
    if (d.values != null) {
      out.writeByte(0);
      strings(out, new ArrayList<>(d.values));
    } else {
      out.writeByte(1);
      out.write(d.registers);
    }
  }

  private static DistinctCount distinct(DataInputStream in) throws IOException {
    DistinctCount d = new DistinctCount();
    if (in.readUnsignedByte() == 0) {
      d.values = new TreeSet<>(strings(in));
    } else {
      d.values = null;
      d.registers = new byte[DistinctCount.REGISTERS];
      in.readFully(d.registers);
    }
    return d;
  }

  /** A vector: its length (-1 for null), then its values. */
  private static void floats(Output out, float[] v) {
    out.writeInt(v == null ? -1 : v.length);
    for (int i = 0; v != null && i < v.length; i++) {
      out.writeFloat(v[i]);
    }
  }

  private static float[] floats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }

  private static void counts(Output out, TreeMap<String, Integer> m) {
    out.writeInt(m.size());
    for (Map.Entry<String, Integer> t : m.entrySet()) {
      str(out, t.getKey());
      out.writeInt(t.getValue());
    }
  }

  private static TreeMap<String, Integer> counts(DataInputStream in) throws IOException {
    TreeMap<String, Integer> m = new TreeMap<>();
    for (int i = 0, n = in.readInt(); i < n; i++) {
      m.put(str(in), in.readInt());
    }
    return m;
  }

  private static void strings(Output out, List<String> list) {
    out.writeInt(list.size());
    for (String s : list) {
      str(out, s);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(str(in));
    }
    return out;
  }

  private static void str(Output out, String s) {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    if (out.writeAscii(s)) {
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String str(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * What DataOutputStream over a ByteArrayOutputStream writes (big-endian, the same bytes), into
   * one growing array without a synchronised call per byte: encoding is on every article's path.
   */
  private static final class Output {
    /** A buffer per thread for event states (tens of KB): grown once, not on every encoding. */
    private static final ThreadLocal<Output> REUSED = ThreadLocal.withInitial(() -> new Output(64 * 1024));
    private static final int MAX_REUSED = 4 * 1024 * 1024;
    private byte[] buf;
    private int size;

    Output(int capacity) {
      buf = new byte[capacity];
    }

    /** This thread's buffer, emptied (one encoding at a time: encode does not nest). */
    static Output reused() {
      Output o = REUSED.get();
      if (o.buf.length > MAX_REUSED) {
        o.buf = new byte[64 * 1024];
      }
      o.size = 0;
      return o;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void writeByte(int v) {
      ensure(1);
      buf[size++] = (byte) v;
    }

    void writeBoolean(boolean v) {
      writeByte(v ? 1 : 0);
    }

    void writeInt(int v) {
      ensure(4);
      buf[size] = (byte) (v >>> 24);
      buf[size + 1] = (byte) (v >>> 16);
      buf[size + 2] = (byte) (v >>> 8);
      buf[size + 3] = (byte) v;
      size += 4;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    void writeFloat(float v) {
      writeInt(Float.floatToIntBits(v));
    }

    void writeDouble(double v) {
      writeLong(Double.doubleToLongBits(v));
    }

    /**
     * A string of ASCII characters as {@code str} writes it (its length, then one byte per
     * character: what UTF-8 gives), without encoding it into an array first; false, having written
     * nothing, for any other string.
     */
    boolean writeAscii(String s) {
      int n = s.length();
      ensure(4 + n);
      int p = size + 4;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          return false;
        }
        buf[p + i] = (byte) c;
      }
      writeInt(n);
      size += n;
      return true;
    }

    void write(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }
  }
}
