package io.newsline.aggregate.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored form of an event's state and of an article's membership: compact binary, a format
 * byte first, every number exact (doubles as their bits), so a restored event continues exactly as
 * the original and equal states are equal bytes. Writing an event costs what its bounded state
 * holds, not what its articles were. A field added to {@link EventState} or {@link TimelineState}
 * must be added here (EventStateCodecTest fails until it is).
 *
 * <p>Events are written in format 5 ({@link #FORMAT_COMPACT}): the fields of format 4, every one
 * present, with lengths, counts and whole numbers as variable-length integers (most take one byte
 * instead of four or eight) and the keys of every sorted map or set written as the length of the
 * prefix they share with the previous key and the rest (terms, entity ids and anchor keys sort
 * next to keys that start alike). 29 % fewer bytes than format 4 for the same state on real news,
 * which the changelog, its producer, the broker and RocksDB each handle on every article an event
 * takes (docs/benchmarks.md, the event state's bytes). Every older format is still read, so states
 * stored by an earlier version restore unchanged and are rewritten in format 5 when their event
 * next changes. The older formats, fixed-width (ints and lengths of 4 bytes, longs of 8, keys whole):
 * format 1 is an event without the embedding cascade's fine sum; format 2 adds it (after the
 * embedding's count); format 3 is format 2 and the name of the embedding model (after the fine
 * sum's count): an event read from format 1 or 2 has none, and {@link EmbeddingModels} tells its
 * model from its sum; format 4 is format 3 (its model name possibly null) with the cascade's
 * unembedded warm-up leads ({@link EventState#fineLeads}) appended after the timeline.
 */
public final class EventStateCodec {
  static final int FORMAT = 1;
  /** Format 1 and the cascade's fine embedding sum ({@link EventState#fineEmbedding}). */
  static final int FORMAT_FINE = 2;
  /** Format 2 and the embedding model's name ({@link EventState#embeddingModel}). */
  static final int FORMAT_MODEL = 3;
  /** Format 3 and the cascade's warm-up leads not yet embedded ({@link EventState#fineLeads}), at the end. */
  static final int FORMAT_LEADS = 4;
  /** Format 4's fields, all present, in variable-length numbers and prefix-shared sorted keys: what is written. */
  static final int FORMAT_COMPACT = 5;

  private EventStateCodec() {}

  public static byte[] encode(EventState e) {
    Output out = Output.reused();
    out.writeByte(FORMAT_COMPACT);
    out.str(e.id);
    out.str(e.status);
    out.number(e.firstSeen);
    out.number(e.lastUpdated);
    out.number(e.version);
    strings(out, e.mergedFrom);
    out.str(e.provisionalOf);
    out.number(e.parentArticlesAtOpen);
    out.number(e.articleCount);
    out.length(e.centroid.size());
    String previous = "";
    for (Map.Entry<String, Double> t : e.centroid.entrySet()) {
      previous = out.key(previous, t.getKey());
      out.writeDouble(t.getValue());
    }
    counts(out, e.termDocs);
    counts(out, e.entityArticles);
    counts(out, e.anchorArticles);
    counts(out, e.leadArticles);
    out.number(e.anchoredArticles);
    out.number(e.fullArticles);
    floats(out, e.embedding);
    out.number(e.embeddedArticles);
    floats(out, e.fineEmbedding);
    out.number(e.fineEmbeddedArticles);
    out.str(e.embeddingModel);
    timeline(out, e.timeline);
    out.length(e.fineLeads.size());
    for (EventState.FineLead l : e.fineLeads) {
      out.str(l.articleId());
      out.str(l.text());
    }
    return out.toByteArray();
  }

  public static EventState decode(byte[] b) {
    int format = b[0] & 0xff;
    if (format < FORMAT || format > FORMAT_COMPACT) {
      throw new IllegalArgumentException("event state in format " + format + ", expected " + FORMAT + " to " + FORMAT_COMPACT
          + " (state from another version: reset the aggregate stage to rebuild it)");
    }
    Input in = new Input(b, format == FORMAT_COMPACT);
    EventState e = new EventState();
    e.id = in.str();
    e.status = in.str();
    e.firstSeen = in.longNumber();
    e.lastUpdated = in.longNumber();
    e.version = in.longNumber();
    e.mergedFrom = strings(in);
    e.provisionalOf = in.str();
    e.parentArticlesAtOpen = in.number();
    e.articleCount = in.number();
    String previous = "";
    for (int i = 0, n = in.length(); i < n; i++) {
      previous = in.key(previous);
      e.centroid.put(previous, in.readDouble());
    }
    e.termDocs = counts(in);
    e.entityArticles = counts(in);
    e.anchorArticles = counts(in);
    e.leadArticles = counts(in);
    e.anchoredArticles = in.number();
    e.fullArticles = in.number();
    e.embedding = floats(in);
    e.embeddedArticles = in.number();
    if (format >= FORMAT_FINE) {
      e.fineEmbedding = floats(in);
      e.fineEmbeddedArticles = in.number();
    }
    if (format >= FORMAT_MODEL) {
      e.embeddingModel = in.str();
    }
    e.timeline = timeline(in);
    if (format >= FORMAT_LEADS) {
      for (int i = 0, n = in.length(); i < n; i++) {
        e.fineLeads.add(new EventState.FineLead(in.str(), in.str()));
      }
    }
    return e;
  }

  /** A membership, in format 1's fixed-width fields (a few names per article: not worth a second format). */
  public static byte[] encode(EventRepository.Member m) {
    Output out = new Output(128);
    out.writeByte(FORMAT);
    fixedStr(out, m.articleId());
    out.writeLong(m.time());
    fixedStr(out, m.outlet());
    fixedStr(out, m.url());
    fixedStr(out, m.title());
    return out.toByteArray();
  }

  public static EventRepository.Member decodeMember(byte[] b) {
    Input in = new Input(b, false);
    return new EventRepository.Member(in.str(), in.longNumber(), in.str(), in.str(), in.str());
  }

  private static void timeline(Output out, TimelineState t) {
    entry(out, t.first);
    out.str(t.label);
    out.number(t.labelTime);
    out.str(t.labelId);
    out.length(t.recent.size());
    for (TimelineState.Entry e : t.recent) {
      entry(out, e);
    }
    out.length(t.entities.size());
    String previous = "";
    for (Map.Entry<String, TimelineState.EntityTally> en : t.entities.entrySet()) {
      previous = out.key(previous, en.getKey());
      out.str(en.getValue().name);
      out.str(en.getValue().type);
      out.number(en.getValue().articles);
      out.number(en.getValue().mentions);
    }
    out.length(t.stances.size());
    previous = "";
    for (Map.Entry<String, TimelineState.StanceTally> s : t.stances.entrySet()) {
      previous = out.key(previous, s.getKey());
      out.number(s.getValue().negative);
      out.number(s.getValue().neutral);
      out.number(s.getValue().positive);
      out.writeDouble(s.getValue().scoreSum);
    }
    out.length(t.quotes.size());
    for (TimelineState.QuoteTally q : t.quotes) {
      out.str(q.speakerId);
      out.str(q.speaker);
      out.str(q.text);
      out.str(q.firstOutlet);
      out.number(q.firstSeen);
      strings(out, q.outlets);
      strings(out, q.articleIds);
      out.number(q.articles);
    }
    out.number(t.quotesSeen);
    distinct(out, t.outlets);
    distinct(out, t.entityIds);
  }

  private static TimelineState timeline(Input in) {
    TimelineState t = new TimelineState();
    t.first = entry(in);
    t.label = in.str();
    t.labelTime = in.longNumber();
    t.labelId = in.str();
    for (int i = 0, n = in.length(); i < n; i++) {
      t.recent.add(entry(in));
    }
    String previous = "";
    for (int i = 0, n = in.length(); i < n; i++) {
      previous = in.key(previous);
      TimelineState.EntityTally en = new TimelineState.EntityTally();
      en.name = in.str();
      en.type = in.str();
      en.articles = in.number();
      en.mentions = in.number();
      t.entities.put(previous, en);
    }
    previous = "";
    for (int i = 0, n = in.length(); i < n; i++) {
      previous = in.key(previous);
      TimelineState.StanceTally s = new TimelineState.StanceTally();
      s.negative = in.number();
      s.neutral = in.number();
      s.positive = in.number();
      s.scoreSum = in.readDouble();
      t.stances.put(previous, s);
    }
    for (int i = 0, n = in.length(); i < n; i++) {
      TimelineState.QuoteTally q = new TimelineState.QuoteTally();
      q.speakerId = in.str();
      q.speaker = in.str();
      q.text = in.str();
      q.firstOutlet = in.str();
      q.firstSeen = in.longNumber();
      q.outlets = strings(in);
      q.articleIds = strings(in);
      q.articles = in.number();
      t.quotes.add(q);
    }
    t.quotesSeen = in.number();
    t.outlets = distinct(in);
    t.entityIds = distinct(in);
    return t;
  }

  private static void entry(Output out, TimelineState.Entry e) {
    out.writeBoolean(e != null);
    if (e == null) {
      return;
    }
    out.str(e.id());
    out.str(e.outlet());
    out.str(e.url());
    out.str(e.title());
    out.str(e.lead());
    out.number(e.time());
    out.length(e.stance().size());
    for (TimelineState.Stance s : e.stance()) {
      out.str(s.entityId());
      out.str(s.label());
      out.writeDouble(s.score());
    }
  }

  private static TimelineState.Entry entry(Input in) {
    if (in.readByte() == 0) {
      return null;
    }
    String id = in.str();
    String outlet = in.str();
    String url = in.str();
    String title = in.str();
    String lead = in.str();
    long time = in.longNumber();
    int n = in.length();
    List<TimelineState.Stance> stance = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      stance.add(new TimelineState.Stance(in.str(), in.str(), in.readDouble()));
    }
    return new TimelineState.Entry(id, outlet, url, title, lead, time, List.copyOf(stance));
  }

  private static void distinct(Output out, DistinctCount d) {
    if (d.values != null) {
      out.writeByte(0);
      out.length(d.values.size());
      String previous = "";
      for (String v : d.values) {
        previous = out.key(previous, v);
      }
    } else {
      out.writeByte(1);
      out.write(d.registers);
    }
  }

  private static DistinctCount distinct(Input in) {
    DistinctCount d = new DistinctCount();
    if (in.readByte() == 0) {
      String previous = "";
      for (int i = 0, n = in.length(); i < n; i++) {
        previous = in.key(previous);
        d.values.add(previous);
      }
    } else {
      d.values = null;
      d.registers = in.readBytes(DistinctCount.REGISTERS);
    }
    return d;
  }

  /** A vector: its length (-1 for null), then its values, exact. */
  private static void floats(Output out, float[] v) {
    out.length(v == null ? -1 : v.length);
    for (int i = 0; v != null && i < v.length; i++) {
      out.writeFloat(v[i]);
    }
  }

  private static float[] floats(Input in) {
    int n = in.length();
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
    out.length(m.size());
    String previous = "";
    for (Map.Entry<String, Integer> t : m.entrySet()) {
      previous = out.key(previous, t.getKey());
      out.number(t.getValue());
    }
  }

  private static TreeMap<String, Integer> counts(Input in) {
    TreeMap<String, Integer> m = new TreeMap<>();
    String previous = "";
    for (int i = 0, n = in.length(); i < n; i++) {
      previous = in.key(previous);
      m.put(previous, in.number());
    }
    return m;
  }

  private static void strings(Output out, List<String> list) {
    out.length(list.size());
    for (String s : list) {
      out.str(s);
    }
  }

  private static List<String> strings(Input in) {
    int n = in.length();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.str());
    }
    return out;
  }

  /** A string as the fixed-width formats write it: its UTF-8 length as 4 bytes (-1 for null), then its bytes. */
  private static void fixedStr(Output out, String s) {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * Reads either encoding: the fixed-width one of formats 1 to 4 (and memberships), where lengths and
   * ints are 4 big-endian bytes, longs 8 and keys whole, or format 5's variable-length numbers and
   * prefix-shared keys. Doubles and floats are their big-endian bits in both.
   */
  private static final class Input {
    private final byte[] b;
    private final boolean compact;
    private int at = 1; // after the format byte

    Input(byte[] b, boolean compact) {
      this.b = b;
      this.compact = compact;
    }

    int readByte() {
      return b[at++] & 0xff;
    }

    byte[] readBytes(int n) {
      byte[] out = Arrays.copyOfRange(b, at, at + n);
      at += n;
      return out;
    }

    int readInt() {
      int v = (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
      at += 4;
      return v;
    }

    long readLong() {
      return (long) readInt() << 32 | (readInt() & 0xffffffffL);
    }

    double readDouble() {
      return Double.longBitsToDouble(readLong());
    }

    float readFloat() {
      return Float.intBitsToFloat(readInt());
    }

    private long varint() {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        int x = readByte();
        v |= (long) (x & 0x7f) << shift;
        if (x < 0x80) {
          return v;
        }
      }
    }

    /** A length or count; -1 for null. */
    int length() {
      return compact ? (int) varint() - 1 : readInt();
    }

    int number() {
      return compact ? (int) longNumber() : readInt();
    }

    long longNumber() {
      if (!compact) {
        return readLong();
      }
      long z = varint();
      return (z >>> 1) ^ -(z & 1);
    }

    String str() {
      int n = length();
      if (n < 0) {
        return null;
      }
      String s = new String(b, at, n, StandardCharsets.UTF_8);
      at += n;
      return s;
    }

    /** A key of a sorted map or set: whole in the fixed-width formats, after the previous key's shared prefix in format 5. */
    String key(String previous) {
      if (!compact) {
        return str();
      }
      int shared = (int) varint();
      return previous.substring(0, shared).concat(str());
    }
  }

  /**
   * Big-endian fixed-width numbers (what DataOutputStream writes: memberships, doubles and floats)
   * and format 5's variable-length ones, into one growing array without a synchronised call per
   * byte: encoding is on every article's path.
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

    private void varint(long v) {
      ensure(10);
      while ((v & ~0x7fL) != 0) {
        buf[size++] = (byte) ((v & 0x7f) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    /** A length or count (-1 for null) in format 5: one byte below 127. */
    void length(int n) {
      varint(n + 1L);
    }

    /** A whole number in format 5, zigzag-encoded: small magnitudes of either sign take few bytes. */
    void number(long v) {
      varint((v << 1) ^ (v >> 63));
    }

    /** A string in format 5: its UTF-8 length, then its bytes. */
    void str(String s) {
      if (s == null) {
        length(-1);
      } else {
        str(s, 0);
      }
    }

    /** A key of a sorted map or set in format 5: how many characters it shares with the previous one, then the rest. */
    String key(String previous, String s) {
      int shared = 0;
      int most = Math.min(previous.length(), s.length());
      while (shared < most && previous.charAt(shared) == s.charAt(shared)) {
        shared++;
      }
      if (shared > 0 && Character.isHighSurrogate(s.charAt(shared - 1))) {
        shared--; // the rest must be whole characters to be UTF-8
      }
      varint(shared);
      str(s, shared);
      return s;
    }

    /** The string from {@code from} on: ASCII written as it is scanned, anything else encoded first. */
    private void str(String s, int from) {
      int n = s.length() - from;
      int mark = size;
      length(n);
      ensure(n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(from + i);
        if (c >= 0x80) {
          size = mark;
          byte[] b = s.substring(from).getBytes(StandardCharsets.UTF_8);
          length(b.length);
          write(b);
          return;
        }
        buf[size + i] = (byte) c;
      }
      size += n;
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
