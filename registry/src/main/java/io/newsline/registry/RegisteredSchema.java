package io.newsline.registry;

import org.apache.avro.Schema;

/** A schema as registered under a subject: its version there and its global id. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
