package io.newsline.embedding.train;

import io.newsline.embedding.SentenceEmbedder;
import io.newsline.embedding.WordPieceTokenizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pieces of news text with their word-piece ids and MiniLM's sentence embedding of each (unit
 * length): the targets the static table is fitted to. Embedding takes MiniLM's time (5-15 ms a
 * piece), so the set is kept in a cache file and read back when it is there.
 */
final class SentenceTargets {
  private static final int MAGIC = 0x4e4c5354; // NLST

  final List<String> sources = new ArrayList<>();
  final List<int[]> ids = new ArrayList<>();
  final List<float[]> targets = new ArrayList<>();

  int size() {
    return ids.size();
  }

  static SentenceTargets embed(List<NewsTexts.Piece> pieces, WordPieceTokenizer tokenizer, MiniLm model) {
    SentenceTargets t = new SentenceTargets();
    long t0 = System.nanoTime();
    for (NewsTexts.Piece p : pieces) {
      List<Integer> list = new ArrayList<>();
      tokenizer.tokenize(p.text(), list::add);
      float[] v = model.embed(p.text());
      t.sources.add(p.source());
      t.ids.add(list.stream().mapToInt(Integer::intValue).toArray());
      t.targets.add(SentenceEmbedder.unit(v));
      if (t.size() % 1000 == 0) {
        System.err.printf(Locale.ROOT, "embedded %,d of %,d pieces with MiniLM (%.0f s)%n", t.size(), pieces.size(), (System.nanoTime() - t0) / 1e9);
      }
    }
    return t;
  }

  void write(Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(size());
      for (int i = 0; i < size(); i++) {
        out.writeUTF(sources.get(i));
        int[] x = ids.get(i);
        out.writeInt(x.length);
        for (int id : x) {
          out.writeInt(id);
        }
        float[] y = targets.get(i);
        out.writeInt(y.length);
        for (float f : y) {
          out.writeFloat(f);
        }
      }
    }
  }

  static SentenceTargets read(Path file) throws IOException {
    SentenceTargets t = new SentenceTargets();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new IOException(file + " is not a sentence target cache");
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        t.sources.add(in.readUTF());
        int[] x = new int[in.readInt()];
        for (int k = 0; k < x.length; k++) {
          x[k] = in.readInt();
        }
        float[] y = new float[in.readInt()];
        for (int k = 0; k < y.length; k++) {
          y[k] = in.readFloat();
        }
        t.ids.add(x);
        t.targets.add(y);
      }
    }
    return t;
  }
}
