package io.newsline.runtime.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output the stage cannot serialise (a value larger than its topic takes, see
 * {@link io.newsline.runtime.RecordSizeLimit}) dead-letters the input record that produced it, in
 * the same transaction, and the stage goes on. A registry outage is not the record's fault: the
 * task fails and retries. A record the producer or the broker refuses after serialisation cannot
 * be skipped under exactly-once (the transaction is already doomed), so the task fails and retries;
 * the log names the topic whose limits disagree with the pipeline's.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);
  private DeadLetters deadLetters;
  private boolean exactlyOnce;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = StreamsDeadLetterConfig.deadLetters(configs);
    exactlyOnce = !StreamsConfig.AT_LEAST_ONCE.equals(String.valueOf(configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)));
  }

  @Override
  public Response handleSerializationError(ErrorHandlerContext ctx, ProducerRecord record, Exception e,
      SerializationExceptionOrigin origin) {
    if (StreamsDeadLetterConfig.isStageFailure(e)) {
      LOG.warn("cannot write to {} now, will retry: {}", record.topic(), DeadLetters.describe(e));
      return Response.fail();
    }
    LOG.warn("dead-lettering {}-{}@{}: its output to {} cannot be written: {}", ctx.topic(), ctx.partition(), ctx.offset(),
        record.topic(), DeadLetters.describe(e));
    return Response.resume(List.of(deadLetters.fromRecord(e, ctx.topic(), ctx.partition(), ctx.offset(),
        ctx.sourceRawKey(), ctx.sourceRawValue())));
  }

  @Override
  public Response handleError(ErrorHandlerContext ctx, ProducerRecord<byte[], byte[]> record, Exception e) {
    if (!exactlyOnce && e instanceof RecordTooLargeException) {
      LOG.warn("dead-lettering {}-{}@{}: topic {} refused its output: {}", ctx.topic(), ctx.partition(), ctx.offset(),
          record.topic(), DeadLetters.describe(e));
      return Response.resume(List.of(deadLetters.fromRecord(e, ctx.topic(), ctx.partition(), ctx.offset(),
          ctx.sourceRawKey(), ctx.sourceRawValue())));
    }
    LOG.error("writing to {} failed ({}); the task will retry. If the topic refuses records newsline considers small enough,"
        + " set its max.message.bytes to topics.max.message.bytes", record.topic(), DeadLetters.describe(e));
    return Response.fail();
  }
}
