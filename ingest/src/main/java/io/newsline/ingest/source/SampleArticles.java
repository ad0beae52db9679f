package io.newsline.ingest.source;

import io.newsline.ingest.IncomingArticle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled sample articles (five real articles from five outlets about one event), as plain
 * text files on the classpath under samples/, listed in samples/index.txt.
 */
public final class SampleArticles {
  private SampleArticles() {}

  public static List<IncomingArticle> load() {
    List<IncomingArticle> out = new ArrayList<>();
    for (String name : read("samples/index.txt").split("\n")) {
      String n = name.strip();
      if (!n.isEmpty() && !n.startsWith("#")) {
        out.add(IncomingArticle.plainText("sample", "samples/" + n, read("samples/" + n)));
      }
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = SampleArticles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing bundled resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
