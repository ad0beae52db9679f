package io.newsline.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmModelTest {
  private static MiniLmModel model;

  @BeforeAll
  static void load() {
    model = new MiniLmModel();
  }

  /**
   * The vectors of the model as langchain4j runs it (its native HuggingFace tokenizer, its
   * pooling), which stored event states and the static tables' targets were computed with.
   */
  @Test
  void embedsBitForBitAsLangchain4jsEncoder() throws Exception {
    Function<String, float[]> reference = Langchain4jMiniLm.load();
    String lead = "Quake hits the coast. A 6.1-magnitude earthquake struck off Indonesia's Sulawesi island on"
        + " Tuesday, the U.S. Geological Survey said, damaging buildings and sending residents fleeing to higher"
        + " ground; there was no tsunami warning. ";
    List<String> texts = List.of(
        "Quake hits the coast",
        lead + lead + lead, // beyond the tokenizer's 128 tokens
        "Ärger über Ölpreise: İstanbul, ΣΊΣΥΦΟΣ, naïve café, ﬁnance, 東京 and Ⅻ",
        "Brackets [SEP] and [CLS]inside[MASK] words, [unk] and [UNK]x",
        "e-mail:someone@example.org, $4.5bn (€4bn), #hashtag, http://example.org/a?b=c",
        "pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopic word");
    for (String text : texts) {
      assertThat(model.embed(text)).as(text).isEqualTo(reference.apply(text));
    }
  }

  @Test
  void keepsTheFirst126WordPiecesBetweenClsAndSep() {
    long[] ids = model.ids("word ".repeat(300));
    assertThat(ids).hasSize(MiniLmModel.MAX_TOKENS);
    assertThat(ids[0]).isEqualTo(101); // [CLS]
    assertThat(ids[MiniLmModel.MAX_TOKENS - 1]).isEqualTo(102); // [SEP]
  }

  @Test
  void matchesSpecialTokensInTheRawText() {
    assertThat(model.ids("[MASK] a[SEP]")).containsExactly(101, 103, 1037, 102, 102);
    assertThat(model.ids("[mask]")).hasSize(5); // lower case: [, mask, ] as words
  }

  @Test
  void aTextWithoutWordPiecesHasNoEmbedding() {
    assertThat(model.embed("\u200b\u0000")).isNull();
  }
}
