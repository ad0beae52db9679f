package io.newsline.registry.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/** How a serializer writes records for one topic: the schema id and the Avro encoding. */
interface RecordWriter<T> {
  int schemaId();

  void write(T record, Encoder out) throws IOException;

  /** Writes records with their class's schema, which is (structurally) the registered one. */
  final class Direct<T> implements RecordWriter<T> {
    private final int schemaId;
    // DatumWriters keep no per-call state: one instance serves every thread
    private final SpecificDatumWriter<T> writer;

    Direct(int schemaId, Schema classSchema, SpecificData model) {
      this.schemaId = schemaId;
      this.writer = new SpecificDatumWriter<>(classSchema, model);
    }

    @Override
    public int schemaId() {
      return schemaId;
    }

    @Override
    public void write(T record, Encoder out) throws IOException {
      writer.write(record, out);
    }
  }

  /**
   * Writes records with a registered schema that differs from the class's but can read its data
   * (use.latest.version): each record is encoded with the class schema, resolved into the target
   * schema by Avro's rules (defaults filled in, unknown fields dropped) and encoded again. About
   * eight times the cost of {@link Direct} (~3 µs instead of ~0.4 µs for a RawArticle).
   */
  final class Converting<T> implements RecordWriter<T> {
    private final int schemaId;
    private final SpecificDatumWriter<T> classWriter;
    private final GenericDatumWriter<Object> targetWriter;
    private final ThreadLocal<GenericDatumReader<Object>> resolver;

    Converting(int schemaId, Schema classSchema, Schema target, SpecificData model) {
      this.schemaId = schemaId;
      this.classWriter = new SpecificDatumWriter<>(classSchema, model);
      this.targetWriter = new GenericDatumWriter<>(target, GenericData.get());
      this.resolver = ThreadLocal.withInitial(
          () -> new GenericDatumReader<>(classSchema, target, GenericData.get()));
    }

    @Override
    public int schemaId() {
      return schemaId;
    }

    @Override
    public void write(T record, Encoder out) throws IOException {
      ByteArrayOutputStream classBytes = new ByteArrayOutputStream(256);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(classBytes, null);
      classWriter.write(record, encoder);
      Object converted = resolver.get().read(
          null, DecoderFactory.get().binaryDecoder(classBytes.toByteArray(), null));
      targetWriter.write(converted, out);
    }
  }
}
