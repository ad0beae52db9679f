package io.newsline.enrich.ner.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsline.enrich.ner.tagger.DocumentTagger;
import io.newsline.enrich.ner.tagger.FeatureExtractor;
import io.newsline.enrich.ner.tagger.Gazetteer;
import io.newsline.enrich.ner.tagger.Labels;
import io.newsline.enrich.ner.tagger.NerResources;
import io.newsline.enrich.ner.tagger.TaggerModel;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training is reproducible (same data and seed, same bytes) and its model loads and tags. */
class TrainNerTest {
  private static final String CONLL = """
      -DOCSTART- -X- O O

      Peter NNP I-NP I-PER
      Blackburn NNP I-NP I-PER
      visited VBD I-VP O
      Paris NNP I-NP I-LOC
      for IN I-PP O
      Reuters NNP I-NP I-ORG
      . . O O

      The DT I-NP O
      European NNP I-NP I-ORG
      Commission NNP I-NP I-ORG
      met VBD I-VP O
      Anna NNP I-NP I-PER
      Smith NNP I-NP I-PER
      in IN I-PP O
      Berlin NNP I-NP I-LOC
      on IN I-PP O
      Monday NNP I-NP O
      . . O O

      Blackburn NNP I-NP I-PER
      said VBD I-VP O
      German JJ I-NP I-MISC
      officials NNS I-NP O
      agreed VBD I-VP O
      . . O O
      """;

  @Test
  void sameDataAndSeedGiveTheSameModelBytes(@TempDir Path dir) throws Exception {
    Path train = dir.resolve("train.conll");
    Files.writeString(train, CONLL.repeat(3), StandardCharsets.UTF_8);
    Path a = dir.resolve("a.bin.gz");
    Path b = dir.resolve("b.bin.gz");
    TrainNer.main(new String[] {train.toString(), a.toString(), "5", "7", "0"});
    TrainNer.main(new String[] {train.toString(), b.toString(), "5", "7", "0"});
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));

    TaggerModel model;
    try (InputStream in = Files.newInputStream(a)) {
      model = TaggerModel.read(in);
    }
    DocumentTagger tagger = new DocumentTagger(model, new FeatureExtractor(Gazetteer.load(), NerResources.clusters()));
    String[] words = {"Peter", "Blackburn", "visited", "Paris", "for", "Reuters", "."};
    int[] labels = tagger.tag(List.of(TrainNer.sentence(words))).get(0);
    assertThat(Labels.name(labels[0])).isEqualTo("B-PERSON");
    assertThat(Labels.name(labels[1])).isEqualTo("L-PERSON");
    assertThat(Labels.name(labels[3])).isEqualTo("U-LOCATION");
    assertThat(Labels.name(labels[2])).isEqualTo("O");
  }

  @Test
  void theAverageOfModelsIsTheMeanOfTheirWeightsAndOfAModelWithItselfTheModel(@TempDir Path dir) throws Exception {
    Path train = dir.resolve("train.conll");
    Files.writeString(train, CONLL.repeat(3), StandardCharsets.UTF_8);
    Path a = dir.resolve("a.bin.gz");
    Path b = dir.resolve("b.bin.gz");
    Path ab = dir.resolve("ab.bin.gz");
    Path aa = dir.resolve("aa.bin.gz");
    TrainNer.main(new String[] {train.toString(), a.toString(), "5", "7", "0"});
    TrainNer.main(new String[] {train.toString(), b.toString(), "5", "8", "0", "0:2"});
    AverageModels.main(new String[] {ab.toString(), a.toString(), b.toString()});
    AverageModels.main(new String[] {aa.toString(), a.toString(), a.toString()});
    TaggerModel.Rows ra = rows(a);
    TaggerModel.Rows rb = rows(b);
    TaggerModel.Rows rab = rows(ab);
    TaggerModel.Rows raa = rows(aa);
    assertThat(raa.keys()).containsExactly(ra.keys());
    long key = ra.keys()[ra.keys().length / 2];
    for (int y = 0; y < Labels.COUNT; y++) {
      float expected = (weight(ra, key, y) + weight(rb, key, y)) / 2;
      assertThat(weight(rab, key, y)).isCloseTo(expected, org.assertj.core.data.Offset.offset(2 * rab.scale()));
      assertThat(weight(raa, key, y)).isCloseTo(weight(ra, key, y), org.assertj.core.data.Offset.offset(2 * ra.scale()));
    }
  }

  private static TaggerModel.Rows rows(Path model) throws Exception {
    try (InputStream in = Files.newInputStream(model)) {
      return TaggerModel.readRows(in);
    }
  }

  private static float weight(TaggerModel.Rows rows, long key, int y) {
    int r = java.util.Arrays.binarySearch(rows.keys(), key);
    return r < 0 ? 0 : rows.weight(r, y);
  }

  @Test
  void conllTagsBecomeBilou() {
    int[] y = ConllReader.bilou(List.of("I-PER", "I-PER", "O", "I-LOC", "I-ORG", "I-ORG", "I-ORG", "B-ORG"));
    String[] names = new String[y.length];
    for (int i = 0; i < y.length; i++) {
      names[i] = Labels.name(y[i]);
    }
    assertThat(names).containsExactly("B-PERSON", "L-PERSON", "O", "U-LOCATION", "B-ORGANIZATION",
        "I-ORGANIZATION", "L-ORGANIZATION", "U-ORGANIZATION");
  }
}
