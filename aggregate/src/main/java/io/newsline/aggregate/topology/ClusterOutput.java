package io.newsline.aggregate.topology;

import io.newsline.avro.ArticleAssignment;
import io.newsline.avro.EventTimeline;

/** One output of the clustering processor: an assignment, or an event timeline (null: tombstone). */
record ClusterOutput(ArticleAssignment assignment, EventTimeline event) {
  boolean isAssignment() {
    return assignment != null;
  }
}
