'use strict';
// Interoperability check, run by ConfluentJsInteropIT: Confluent's own JavaScript Schema Registry
// client and Avro serdes against newsline's embedded registry and newsline's Java serdes.
//
// usage: node interop.js <registryUrl> <user:password> <javaTopic> <javaBytesHex> <jsTopic> <schemaFile>
// prints one JSON object: { decoded, registeredId, jsBytes }
const fs = require('fs');
const {
  SchemaRegistryClient,
  SerdeType,
  AvroSerializer,
  AvroDeserializer,
} = require('@confluentinc/schemaregistry');

async function main() {
  const [url, userInfo, javaTopic, javaHex, jsTopic, schemaFile] = process.argv.slice(2);
  const client = new SchemaRegistryClient({
    baseURLs: [url],
    basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo },
    maxRetries: 0,
  });

  // Java -> JS: decode bytes written by newsline's AvroSerializer
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  const decoded = await deserializer.deserialize(javaTopic, Buffer.from(javaHex, 'hex'));

  // JS -> Java: register the schema with Confluent's client, then serialize with its latest version
  const schema = fs.readFileSync(schemaFile, 'utf8');
  const registeredId = await client.register(`${jsTopic}-value`, { schemaType: 'AVRO', schema });
  const serializer = new AvroSerializer(client, SerdeType.VALUE, {
    autoRegisterSchemas: false,
    useLatestVersion: true,
  });
  const bytes = await serializer.serialize(jsTopic, {
    id: 'from-js',
    source_type: 'push',
    source: null,
    url: 'https://example.org/js',
    canonical_url: null,
    outlet: 'Example',
    title: 'Written by Confluent’s JavaScript serializer',
    text: 'Line one.\nLine two.',
    byline: null,
    language: 'en',
    published_at: null,
    ingested_at: 1767225600000,
    content_hash: 'ef'.repeat(32),
    simhash: 123456789,
    duplicate_of: null,
    duplicate_kind: null,
  });

  process.stdout.write(JSON.stringify({ decoded, registeredId, jsBytes: bytes.toString('hex') }));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
