package io.newsline.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsline.common.Json;
import io.newsline.ingest.testing.InMemorySink;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
  void aRetriedPushIsAcceptedAgainAndSaysItWasUnchanged() throws Exception {
    String body = "{\"id\": \"r-1\", \"text\": \"Five hours of talks in Moscow ended after midnight without an agreement, officials said.\"}";
    assertThat(post("Bearer " + TOKEN, "application/json", body).statusCode()).isEqualTo(202);
    JsonNode again = Json.parse(post("Bearer " + TOKEN, "application/json", body).body());
    assertThat(again.get("accepted").asInt()).isEqualTo(1);
    assertThat(again.get("unchanged").asInt()).isEqualTo(1);
    assertThat(again.get("articles").get(0).get("status").asText()).isEqualTo("accepted");
    assertThat(again.get("articles").get(0).get("unchanged").asBoolean()).isTrue();
    assertThat(sink.articles()).hasSize(1);
  }

  @Test
  void badRequestsGetAStatusAndAReason() throws Exception {
    HttpResponse<String> noToken = post(null, "application/json", "{\"text\": \"x\"}");
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(noToken.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    // RFC 6750 3.1: a wrong token is 401 invalid_token, so clients renew it; 403 is for a missing scope
    HttpResponse<String> wrongToken = post("Bearer wrong", "application/json", "{\"text\": \"x\"}");
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"newsline\", error=\"invalid_token\"");
    HttpResponse<String> notJson = post("Bearer " + TOKEN, "text/plain", "hello");
    assertThat(notJson.statusCode()).isEqualTo(415);
    assertThat(message(notJson)).contains("application/json");
    HttpResponse<String> gzipped = client.send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json").header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x1f, (byte) 0x8b, 8, 0})).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(gzipped.statusCode()).isEqualTo(415); // was 400 "not valid UTF-8: byte 0x8B at offset 1"
    assertThat(message(gzipped)).isEqualTo("Content-Encoding 'gzip' is not supported: send the JSON uncompressed");
    assertThat(gzipped.headers().firstValue("Accept-Encoding")).hasValue("identity");
    HttpResponse<String> badJson = post("Bearer " + TOKEN, "application/json", "{\"text\": ");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(message(badJson)).contains("not valid JSON");
    // JSON Lines posted as one body: the second article was dropped without a word (202, "accepted": 1)
    HttpResponse<String> twoValues = post("Bearer " + TOKEN, "application/json", "{\"text\": \"one text\"}\n{\"text\": \"two text\"}");
    assertThat(twoValues.statusCode()).isEqualTo(400);
    assertThat(message(twoValues)).contains("not valid JSON: Trailing token");
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
    HttpResponse<String> bom = client.send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("\uFEFF{\"title\": \"no text\"}", StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    // a UTF-8 byte-order mark is ignored (RFC 8259 8.1): the JSON is read, not refused as "not valid JSON"
    assertThat(bom.statusCode()).isEqualTo(400);
    assertThat(bom.body()).contains("1 of 1 articles are invalid").contains("article has no");
    assertThat(new String(badUtf8.body(), StandardCharsets.UTF_8)).contains("request body is not valid UTF-8: byte 0xC3 at offset 6");
    HttpResponse<String> latin1 = client.send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json; charset=ISO-8859-1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"Caf\u00e9 talks\"}", StandardCharsets.ISO_8859_1)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(latin1.statusCode()).isEqualTo(400);
    assertThat(message(latin1)).contains("not valid UTF-8: byte 0xE9")
        .contains("the request declares charset='ISO-8859-1', but JSON must be sent as UTF-8");
    HttpResponse<String> utf16 = client.send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("\uFEFF{\"text\": \"fine\"}", StandardCharsets.UTF_16LE)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(utf16.statusCode()).isEqualTo(400);
    assertThat(message(utf16)).contains("request body is UTF-16LE (it starts with its byte-order mark): JSON must be sent as UTF-8");
    assertThat(sink.articles()).isEmpty();

    sink.failing = true;
    HttpResponse<String> down = post("Bearer " + TOKEN, "application/json", "{\"text\": \"a text that would be fine\"}");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(message(down)).contains("retry later");
  }

  @Test
  void slowClientsDoNotStarveTheEndpoint() throws Exception {
    // 16 clients without the token and 16 with it (a leaked token, a broken client) declare a
    // 16 MB body and send one byte of it
    List<Socket> slow = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      Socket s = new Socket("127.0.0.1", URI.create(push.url()).getPort());
      String auth = i % 2 == 0 ? "" : "Authorization: Bearer " + TOKEN + "\r\n";
      s.getOutputStream().write(("POST /articles HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Type: application/json\r\n"
          + "Content-Length: 16000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      slow.add(s);
    }
    try {
      // a valid request is served at once (it timed out after 15 s and more before)
      HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(push.url() + "/articles"))
          .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"during\", \"text\": \"Talks resumed in Geneva on Monday, both delegations said.\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(202);
      // the ones without the token were refused without waiting for their body
      for (int i = 0; i < 32; i += 2) {
        slow.get(i).setSoTimeout(5000);
        assertThat(new String(slow.get(i).getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 401");
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void lengthLimitsAndHostileValuesAreAnsweredShortly() throws Exception {
    HttpResponse<String> longId = post("Bearer " + TOKEN, "application/json", "{\"id\": \"" + "i".repeat(300) + "\", \"text\": \"Some text.\"}");
    assertThat(longId.statusCode()).isEqualTo(400);
    assertThat(Json.parse(longId.body()).get("errors").get(0).get("message").asText()).isEqualTo("id of 300 characters exceeds the limit of 256");
    HttpResponse<String> badDate = post("Bearer " + TOKEN, "application/json", "{\"published_at\": \"" + "9".repeat(50_000) + "\", \"text\": \"Some text.\"}");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).hasSizeLessThan(1000).contains("(50000 characters)");
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
