package io.newsline.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** newsline health URL: exit 0 when the endpoint answers 200 (container health checks without curl). */
@Command(name = "health", mixinStandardHelpOptions = true, description = "Probe a health endpoint: exit 0 on HTTP 200, 1 otherwise.")
final class HealthCommand implements Callable<Integer> {
  @Parameters(paramLabel = "URL", converter = OptionValues.HttpUrl.class, description = "e.g. http://localhost:8092/health")
  URI url;

  @Override
  public Integer call() {
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
          .send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      System.out.println(r.statusCode() + " " + r.body());
      return r.statusCode() == 200 ? 0 : 1;
    } catch (Exception e) {
      System.out.println("unreachable: " + e);
      return 1;
    }
  }
}
