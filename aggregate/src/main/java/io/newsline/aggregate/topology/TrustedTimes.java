package io.newsline.aggregate.topology;

import io.newsline.aggregate.cluster.ArticleTimes;
import io.newsline.avro.EnrichedArticle;
import io.newsline.runtime.ops.NewslineMetrics;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Applies {@link ArticleTimes} before anything keeps time by an article (the reorder buffer, the
 * clusterer), counting each correction in newsline_untrusted_dates_total{stage="aggregate"}.
 */
final class TrustedTimes implements FixedKeyProcessor<String, EnrichedArticle, EnrichedArticle> {
  private final Duration skew;
  private FixedKeyProcessorContext<String, EnrichedArticle> context;

  TrustedTimes(Duration skew) {
    this.skew = skew;
    NewslineMetrics.untrustedDatesFromZero("aggregate");
  }

  @Override
  public void init(FixedKeyProcessorContext<String, EnrichedArticle> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, EnrichedArticle> record) {
    ArticleTimes.Corrected c = ArticleTimes.trusted(record.value(), record.timestamp(), skew);
    if (c == null) {
      context.forward(record);
      return;
    }
    NewslineMetrics.untrustedDates("aggregate", c.verdict().label()).increment();
    context.forward(record.withValue(c.article()));
  }
}
