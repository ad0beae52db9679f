package io.newsline.runtime.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsline.common.PublicationTime;
import java.util.List;

/**
 * The process-wide Prometheus registry. A static holder because Kafka instantiates error handlers
 * by reflection, and they must count dead letters in the same registry the /metrics endpoint serves.
 */
public final class NewslineMetrics {
  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  static {
    new JvmMemoryMetrics().bindTo(REGISTRY);
    new JvmGcMetrics().bindTo(REGISTRY);
    new JvmThreadMetrics().bindTo(REGISTRY);
    new ProcessorMetrics().bindTo(REGISTRY);
    new UptimeMetrics().bindTo(REGISTRY);
  }

  private NewslineMetrics() {}

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /** newsline_dead_letters_total{stage, reason}: records sent to the dead-letter topic. */
  public static Counter deadLetters(MeterRegistry registry, String stage, String reason) {
    return Counter.builder("newsline.dead.letters")
        .description("Input records sent to the dead-letter topic, by stage and reason category")
        .tag("stage", stage)
        .tag("reason", reason)
        .register(registry);
  }

  /**
   * newsline_untrusted_dates_total{stage, reason}: publication times set aside as unknown
   * (reason future or out_of_range, see {@link io.newsline.common.PublicationTime}).
   */
  public static Counter untrustedDates(String stage, String reason) {
    return Counter.builder("newsline.untrusted.dates")
        .description("Publication times treated as unknown: later than ingestion plus the allowed skew, or out of range")
        .tag("stage", stage)
        .tag("reason", reason)
        .register(REGISTRY);
  }

  /**
   * Counts each of a stage's dead-letter reasons from 0: a dashboard or an alert on
   * newsline_dead_letters_total then sees the first failure as an increase, not as a series
   * appearing from nowhere.
   */
  public static void deadLettersFromZero(String stage, Iterable<String> reasons) {
    reasons.forEach(reason -> deadLetters(REGISTRY, stage, reason));
  }

  /** Counts each of a stage's untrusted-date reasons from 0, so the series exist before the first one. */
  public static void untrustedDatesFromZero(String stage) {
    for (PublicationTime.Verdict v : List.of(PublicationTime.Verdict.FUTURE, PublicationTime.Verdict.OUT_OF_RANGE)) {
      untrustedDates(stage, v.label());
    }
  }

  /**
   * newsline_cascade_minilm_total{stage}: articles the embedding cascade embedded with MiniLM
   * because the table left their join open (with the cascade, the default embedding; the share of
   * newsline_records_total is what the cascade saves).
   */
  public static Counter cascadeMiniLm(String stage) {
    return Counter.builder("newsline.cascade.minilm")
        .description("Articles the embedding cascade embedded with MiniLM (join left open by the table, or an event's first articles once a decision needs them)")
        .tag("stage", stage)
        .register(REGISTRY);
  }

  /**
   * newsline_cascade_minilm_lazy_total{stage}: of newsline_cascade_minilm_total, the events' early
   * members embedded when a decision first needed the event's MiniLM centroid (the lazy warm-up).
   */
  public static Counter cascadeMiniLmLazy(String stage) {
    return Counter.builder("newsline.cascade.minilm.lazy")
        .description("Events' early members the embedding cascade embedded with MiniLM when a decision first needed the event's MiniLM centroid")
        .tag("stage", stage)
        .register(REGISTRY);
  }

  /**
   * newsline_cascade_prefetch_total{stage, outcome}: the embedding cascade's MiniLM work done ahead,
   * off the clustering thread: prefetched (handed to the pool), hit (needed, embedded by the pool),
   * stolen (needed, embedded by the clustering thread before the pool reached it), miss (needed, not
   * prefetched: embedded inline), wasted (embedded by the pool, not needed), cancelled (not needed,
   * never run), full (not prefetched: too many pending), predicted (articles whose need the clustering
   * thread predicted: once each, a few articles before their turn).
   */
  public static Counter cascadePrefetch(String stage, String outcome) {
    return Counter.builder("newsline.cascade.prefetch")
        .description("The embedding cascade's MiniLM vectors computed ahead off the clustering thread, by outcome")
        .tag("stage", stage)
        .tag("outcome", outcome)
        .register(REGISTRY);
  }

  /**
   * newsline_embedding_migrated_events_total{stage}: stored events restored under another sentence
   * embedding than they were stored with (a change of {@code newsline.embedding}, or of its default)
   * and migrated to the present one.
   */
  public static Counter migratedEvents(String stage) {
    return Counter.builder("newsline.embedding.migrated.events")
        .description("Stored events of another sentence embedding migrated to the present one on restore")
        .tag("stage", stage)
        .register(REGISTRY);
  }

  /** newsline_records_total{stage, outcome}: records a stage handled, by outcome. */
  public static Counter records(String stage, String outcome) {
    return Counter.builder("newsline.records")
        .description("Records handled by a stage, by outcome")
        .tag("stage", stage)
        .tag("outcome", outcome)
        .register(REGISTRY);
  }
}
