package io.newsline.cli;

import io.newsline.common.Json;
import io.newsline.common.Progress;
import io.newsline.enrich.stance.StanceExample;
import io.newsline.enrich.stance.TargetStanceClassifier;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** newsline stance: the enrich stage's stance model on single targets in the flat NewsMTSC format. */
@Command(name = "stance", mixinStandardHelpOptions = true,
    description = {"Target-dependent stance of each line's mention in its sentence, with the model the enrich stage uses.",
        "Input lines: {\"id\",\"sentence\",\"mention\",\"from\",\"to\"} (from/to: code-point offsets; any polarity is ignored).",
        "Output lines, in input order: {\"id\",\"polarity\": -1|0|1}.",
        "A bad line is reported on stderr; if it has an id it is still answered with polarity 0 so no target goes missing."})
final class StanceCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "FILE", description = "NewsMTSC-style JSON Lines.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Predictions, JSON Lines.")
  Path output;

  @Option(names = "--fail-on-bad-lines", description = "Exit with status 1 when any input line was bad.")
  boolean failOnBad;

  @Override
  public Integer call() throws Exception {
    if (!Files.isReadable(input)) {
      System.err.println("cannot read " + input);
      return 2;
    }
    TargetStanceClassifier model = TargetStanceClassifier.shared();
    Progress progress = new Progress("stance", System.err, 2000);
    int bad = 0;
    long lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String id;
        int polarity;
        try {
          StanceExample t = StanceExample.parse(line);
          id = t.id();
          polarity = model.polarity(t.sentence(), t.from(), t.to());
        } catch (RuntimeException e) {
          bad++;
          id = idOrNull(line);
          System.err.printf("line %d: %s%s%n", lineNo, e.getMessage(),
              id == null ? " (skipped: no id)" : " (answered neutral)");
          if (id == null) {
            continue;
          }
          polarity = 0;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("polarity", polarity);
        out.write(Json.write(o));
        out.write('\n');
        progress.add(1, "targets");
      }
    }
    progress.finish("targets");
    if (bad > 0) {
      System.err.printf("%d bad input line(s) in %s%n", bad, input);
    }
    return bad > 0 && failOnBad ? 1 : 0;
  }

  private static String idOrNull(String line) {
    try {
      return Json.text(Json.parse(line), "id");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
