package io.newsline.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsline.avro.RawArticle;
import io.newsline.registry.SchemaRegistryException;
import io.newsline.registry.server.EmbeddedSchemaRegistry;
import io.newsline.registry.server.InMemorySchemaStore;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP Basic auth between the client and a registry that requires it. */
class BasicAuthTest {
  private EmbeddedSchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start(new InMemorySchemaStore(), "127.0.0.1", 0, Map.of("alice", "s3cret"));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void userInfoCredentialsAreSent() {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, registry.url(),
        RegistryClientConfig.CREDENTIALS_SOURCE, "USER_INFO",
        RegistryClientConfig.USER_INFO, "alice:s3cret")));

    int id = client.register("auth-value", RawArticle.getClassSchema());

    assertThat(client.schemaById(id)).isEqualTo(RawArticle.getClassSchema());
  }

  @Test
  void credentialsInTheUrlAreSent() {
    String url = registry.url().replace("http://", "http://alice:s3cret@");
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, url, RegistryClientConfig.CREDENTIALS_SOURCE, "URL")));

    assertThat(client.subjects()).isEmpty();
  }

  @Test
  void wrongOrMissingCredentialsFailWithoutRevealingThePassword() {
    RestSchemaRegistryClient wrong = new RestSchemaRegistryClient(RegistryClientConfig.fromMap(Map.of(
        RegistryClientConfig.URL, registry.url(), RegistryClientConfig.USER_INFO, "alice:wrong-pass")));
    RestSchemaRegistryClient none = new RestSchemaRegistryClient(RegistryClientConfig.of(registry.url()));

    assertThatThrownBy(wrong::subjects)
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageStartingWith("authentication failed")
        .hasMessageNotContaining("wrong-pass")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(401));
    assertThatThrownBy(none::subjects).hasMessageStartingWith("authentication failed");
  }
}
