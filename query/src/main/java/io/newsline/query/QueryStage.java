package io.newsline.query;

import io.newsline.runtime.Topics;
import io.newsline.runtime.stage.Stage;
import io.newsline.runtime.stage.StageContext;
import io.newsline.runtime.streams.StreamsReset;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The query stage: the timelines, entities and articles over HTTP. It reads newsline.events,
 * newsline.assignments and newsline.articles.enriched into global stores (every instance holds
 * all of them), and mounts its JSON API, live stream and dashboard on the stage's HTTP server,
 * beside health and metrics. Writes nothing but dead letters. See docs/query.md.
 */
public final class QueryStage implements Stage {
  @Override
  public String name() {
    return QueryApplication.NAME;
  }

  @Override
  public String description() {
    return "Run the query stage: event timelines, entities and articles as a JSON API (/api/...), a live stream "
        + "(/api/stream, Server-Sent Events) and a dashboard (/), on the stage's port.";
  }

  @Override
  public int defaultPort() {
    return 8094;
  }

  @Override
  public List<String> inputs(Topics topics) {
    return List.of(topics.events(), topics.assignments(), topics.enriched());
  }

  @Override
  public List<String> outputs(Topics topics) {
    return List.of(topics.deadLetter());
  }

  /** Health first (STARTING while the stores read the topics), then the routes, then the application. */
  @Override
  public QueryApplication start(StageContext context) throws IOException {
    QueryApplication app = context.closer().register(QueryApplication.create(context.settings()));
    context.ops().register(app);
    app.mount(context.ops());
    return app.start();
  }

  /** A reset drops the local stores: the stage reads the topics from the beginning again (it has no consumer group). */
  @Override
  public Optional<Reset> reset() {
    return Optional.of(new StreamsReset(name()));
  }
}
