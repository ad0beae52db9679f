package io.newsline.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void healthAndMetricsStayAnswerableWhileClientsTrickle() throws Exception {
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0)) {
      ops.register(new HealthCheck() {
        @Override
        public String name() {
          return "stage";
        }

        @Override
        public Status status() {
          return Status.up("working");
        }
      });
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 16; i++) {
          Socket s = new Socket("127.0.0.1", ops.port());
          s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
          slow.add(s);
        }
        // before, two slow clients were enough to leave every health check unanswered
        assertThat(get(ops.url() + "/health").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(ops.url() + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      } finally {
        for (Socket s : slow) {
          s.close();
        }
      }
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
