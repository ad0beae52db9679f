package io.newsline.runtime.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose processing throws (malformed content the stage logic rejects) goes to the
 * dead-letter topic with its original bytes, inside the stage's transaction; the stage continues.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = StreamsDeadLetterConfig.deadLetters(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
    if (StreamsDeadLetterConfig.isStageFailure(e)) {
      LOG.warn("processing {}-{}@{} failed: the schema registry failed, will retry: {}", ctx.topic(), ctx.partition(), ctx.offset(), DeadLetters.describe(e));
      return Response.fail();
    }
    LOG.warn("dead-lettering {}-{}@{} at {}: {}", ctx.topic(), ctx.partition(), ctx.offset(), ctx.processorNodeId(), DeadLetters.describe(e));
    return Response.resume(List.of(deadLetters.fromRecord(e, ctx.topic(), ctx.partition(), ctx.offset(), ctx.sourceRawKey(), ctx.sourceRawValue())));
  }
}
