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
 * text files on the classpath under samples/, listed in samples/index.txt with the outlet label
 * each is published under (the articles themselves carry no outlet metadata).
 */
public final class SampleArticles {
  private SampleArticles() {}

  public static List<IncomingArticle> load() {
    List<IncomingArticle> out = new ArrayList<>();
    for (String name : read("samples/index.txt").split("\n")) {
      String line = name.strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        String[] fileAndOutlet = line.split("\\s+", 2);
        String file = fileAndOutlet[0];
        String outlet = fileAndOutlet.length > 1 ? fileAndOutlet[1] : null;
        out.add(new IncomingArticle("sample", "samples/" + file, null, null, outlet, null, read("samples/" + file), null, false));
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
