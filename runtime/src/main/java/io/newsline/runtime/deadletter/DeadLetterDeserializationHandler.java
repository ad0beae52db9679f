package io.newsline.runtime.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that cannot be decoded (not Avro, unknown schema id, corrupt bytes) go to the dead-letter
 * topic in the same transaction as the stage's progress, and the stage keeps running. A failure of
 * the registry (unreachable, refusing the stage's credentials, or without the topic's schemas) is
 * not the record's fault: the stage fails the task so it retries once the registry is fixed.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = StreamsDeadLetterConfig.deadLetters(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record, Exception e) {
    if (StreamsDeadLetterConfig.isStageFailure(e)) {
      LOG.warn("cannot decode {}-{}@{}: the schema registry failed, will retry: {}", ctx.topic(), ctx.partition(), ctx.offset(), DeadLetters.describe(e));
      return Response.fail();
    }
    LOG.warn("dead-lettering undecodable record {}-{}@{}: {}", ctx.topic(), ctx.partition(), ctx.offset(), DeadLetters.describe(e));
    return Response.resume(List.of(deadLetters.fromRecord(e, ctx.topic(), ctx.partition(), ctx.offset(), record.key(), record.value())));
  }
}
