package io.newsline.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.newsline.registry.RegistryUnavailableException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client over HTTPS: with the schema.registry.ssl.truststore.* settings it trusts a registry
 * whose certificate is self-signed; without them the handshake fails with a clear error. The
 * certificate is made at test time with the JDK's keytool.
 */
class TlsClientTest {
  private static final String PASSWORD = "changeit";
  @TempDir static Path dir;
  private static HttpsServer server;
  private static Path truststore;

  @BeforeAll
  static void startHttpsRegistry() throws Exception {
    Path keystore = dir.resolve("server.p12");
    truststore = dir.resolve("trust.p12");
    Path cert = dir.resolve("server.crt");
    keytool("-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-alias", "registry", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "registry", "-file", cert.toString(),
        "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext("/schemas/ids/7", ex -> {
      byte[] body = "{\"schema\":\"\\\"string\\\"\"}".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void trustsTheRegistryCertificateFromTheConfiguredTruststore() {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, url(),
        RegistryClientConfig.TRUSTSTORE_LOCATION, truststore.toString(),
        RegistryClientConfig.TRUSTSTORE_PASSWORD, PASSWORD,
        RegistryClientConfig.TRUSTSTORE_TYPE, "PKCS12")));
    assertThat(client.schemaById(7)).isEqualTo(Schema.create(Schema.Type.STRING));
  }

  @Test
  void refusesAnUntrustedCertificateWithAClearError() {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, url(), "schema.registry.retries", "0")));
    assertThatThrownBy(() -> client.schemaById(7))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining(url());
  }

  private static String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
