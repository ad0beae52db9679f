package io.newsline.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.ingest.testing.InMemorySink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PushEndpointTest {
  private static final String TOKEN = "s3cret-token";
  private final HttpClient client = HttpClient.newHttpClient();
  private InMemorySink sink;
  private PushEndpoint push;

  @BeforeEach
  void start() throws Exception {
    sink = new InMemorySink();
    push = PushEndpoint.start(sink, "127.0.0.1", 0, TOKEN, 100, 64 * 1024);
  }

  @AfterEach
  void stop() {
    push.close();
  }

  @Test
  void oneArticleOrABatchIsAcceptedWithIdsAndDuplicateLinks() throws Exception {
    String text = "Five hours of talks in Moscow ended after midnight without an agreement, officials on both sides said on Wednesday.";
    HttpResponse<String> one = post("Bearer " + TOKEN, "application/json",
        "{\"id\": \"a-1\", \"title\": \"Talks end\", \"text\": \"" + text + "\", \"url\": \"https://x.example/a\", \"published_at\": \"2025-12-03T08:00:00Z\"}");
    assertThat(one.statusCode()).isEqualTo(202);
    JsonNode r = Json.parse(one.body());
    assertThat(r.get("accepted").asInt()).isEqualTo(1);
    assertThat(r.get("articles").get(0).get("id").asText()).isEqualTo("push:a-1");

    HttpResponse<String> batch = post("bearer " + TOKEN, "application/json; charset=utf-8",
        "[{\"text\": \"" + text + "\", \"url\": \"https://y.example/copy\"},"
            + " {\"html\": \"<html><body><article><p>" + text + " And a different page entirely, with more words.</p></article></body></html>\", \"url\": \"https://z.example/p\"}]");
    assertThat(batch.statusCode()).isEqualTo(202);
    JsonNode b = Json.parse(batch.body());
    assertThat(b.get("accepted").asInt()).isEqualTo(2);
    assertThat(b.get("articles").get(0).get("duplicate_of").asText()).isEqualTo("push:a-1");
    assertThat(b.get("articles").get(0).get("duplicate_kind").asText()).isEqualTo("content");
    assertThat(sink.articles()).hasSize(3);
    assertThat(sink.articles().get(0).getSourceType()).isEqualTo("push");
    assertThat(sink.articles().get(0).getSource()).isEqualTo("push:127.0.0.1");
  }

  @Test
  void badRequestsGetAStatusAndAReason() throws Exception {
    HttpResponse<String> noToken = post(null, "application/json", "{\"text\": \"x\"}");
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(post("Bearer wrong", "application/json", "{\"text\": \"x\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> notJson = post("Bearer " + TOKEN, "text/plain", "hello");
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertThat(message(notJson)).contains("application/json");
    HttpResponse<String> badJson = post("Bearer " + TOKEN, "application/json", "{\"text\": ");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(message(badJson)).contains("not valid JSON");
    HttpResponse<String> invalid = post("Bearer " + TOKEN, "application/json", "[{\"text\": \"fine text here\"}, {\"title\": \"no text\"}, 42]");
    assertThat(invalid.statusCode()).isEqualTo(400);
    JsonNode errors = Json.parse(invalid.body()).get("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("index").asInt()).isEqualTo(1);
    assertThat(errors.get(0).get("message").asText()).contains("no \"text\"");
    assertThat(post("Bearer " + TOKEN, "application/json", "[]").statusCode()).isEqualTo(400);
    assertThat(post("Bearer " + TOKEN, "application/json", "[" + "{\"text\":\"t\"},".repeat(100) + "{\"text\":\"t\"}]").statusCode()).isEqualTo(413);
    assertThat(post("Bearer " + TOKEN, "application/json", "{\"text\": \"" + "x".repeat(70_000) + "\"}").statusCode()).isEqualTo(413);
    HttpResponse<byte[]> badUtf8 = client.send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', 't', '"', ':', '"', (byte) 0xC3, '"', '}'})).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(badUtf8.statusCode()).isEqualTo(400);
    assertThat(new String(badUtf8.body(), StandardCharsets.UTF_8)).contains("not valid UTF-8");
    assertThat(sink.articles()).isEmpty();

    sink.failing = true;
    HttpResponse<String> down = post("Bearer " + TOKEN, "application/json", "{\"text\": \"a text that would be fine\"}");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(message(down)).contains("retry later");
  }

  private HttpResponse<String> post(String auth, String type, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
        .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> r) {
    return Json.parse(r.body()).get("message").asText();
  }
}
