package io.newsline.enrich.stance;

/**
 * The dense part of the linear model folded into the word vectors: for every word and region, the
 * class scores its vector contributes (vector times that region's weights). A target's dense
 * score is then a sum of three floats per word instead of averaging 64-dimensional vectors and
 * multiplying 384 values by the weights. Built at load, read-only afterwards.
 */
final class DenseProjection {
  private static final int C = LinearModel.CLASSES;
  private final float[] perWord;

  DenseProjection(WordVectors vectors, LinearModel model) {
    int dims = vectors.dims();
    int words = vectors.size();
    int regions = TargetFeatures.REGIONS;
    perWord = new float[words * regions * C];
    float[] w = model.weights();
    float[] v = new float[dims];
    for (int row = 0; row < words; row++) {
      java.util.Arrays.fill(v, 0f);
      vectors.addRow(row, v, 0, 1f);
      for (int r = 0; r < regions; r++) {
        for (int c = 0; c < C; c++) {
          double sum = 0;
          for (int k = 0; k < dims; k++) {
            sum += v[k] * w[(r * dims + k) * C + c];
          }
          perWord[(row * regions + r) * C + c] = (float) (sum * TargetFeatures.denseScale());
        }
      }
    }
  }

  /** Adds the dense part's score per class of the given regions to out[0..2]. */
  void scores(SentenceView s, TargetFeatures.Regions regions, double[] out) {
    double[] sum = new double[TargetFeatures.REGIONS * C];
    for (int k = 0; k < regions.size; k++) {
      int base = (regions.row[k] * TargetFeatures.REGIONS + regions.region[k]) * C;
      int r = regions.region[k] * C;
      sum[r] += perWord[base];
      sum[r + 1] += perWord[base + 1];
      sum[r + 2] += perWord[base + 2];
    }
    for (int r = 0; r < TargetFeatures.REGIONS; r++) {
      if (regions.count[r] > 0) {
        for (int c = 0; c < C; c++) {
          out[c] += sum[r * C + c] / regions.count[r];
        }
      }
    }
  }
}
