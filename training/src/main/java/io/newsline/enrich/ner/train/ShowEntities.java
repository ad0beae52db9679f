package io.newsline.enrich.ner.train;

import io.newsline.enrich.model.ArticleText;
import io.newsline.enrich.model.Entity;
import io.newsline.enrich.ner.PerceptronEntityExtractor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Prints the entities of plain-text articles: {@code ShowEntities FILE...}; with
 * -DfirstLineIsTitle=true the first line is the title. For eyeballing.
 */
public final class ShowEntities {
  private ShowEntities() {}

  public static void main(String[] args) throws Exception {
    for (String file : args) {
      String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      System.out.println("== " + file);
      ArticleText article = new ArticleText(file, null, text);
      if (Boolean.getBoolean("firstLineIsTitle")) {
        int nl = text.indexOf('\n');
        article = new ArticleText(file, text.substring(0, nl), text.substring(nl + 1));
      }
      for (Entity e : PerceptronEntityExtractor.shared().extract(article)) {
        String forms = e.mentions().stream().map(m -> m.field() == io.newsline.enrich.model.Field.TITLE ? "T:" + m.text() : m.text()).distinct().collect(Collectors.joining(" | "));
        System.out.printf("%.3f %-32s %-12s %2d  %s%n", e.salience(), e.id(), e.type(), e.mentions().size(), forms);
      }
    }
  }
}
