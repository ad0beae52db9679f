package io.newsline.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.testing.WebServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The address check on every hop, with name resolution under the test's control: tests can only
 * reach loopback, so 127.0.0.1 stands in for a public address (the policy is told to treat it so)
 * and 127.0.0.2 stays what it is, a loopback address.
 */
class AddressGuardTest {
  private static final FetchSettings SETTINGS = FetchSettings.defaults().withHostInterval(Duration.ofMillis(1)).withTimeout(Duration.ofSeconds(3));
  private static final InetAddress PUBLIC = address("127.0.0.1");
  private static final InetAddress INSIDE = address("127.0.0.2");

  @Test
  void everyRedirectHopIsCheckedAndRefusedBeforeConnecting() throws Exception {
    try (WebServer web = new WebServer("0.0.0.0")) {
      int port = URI.create(web.url("/")).getPort();
      web.on("/out", ex -> redirect(ex, "http://inside.test:" + port + "/secret"));
      web.text("/secret", 200, "text/html", "<p>secret</p>");
      try (HttpFetcher http = fetcher(SETTINGS, Map.of("site.test", List.of(PUBLIC), "inside.test", List.of(INSIDE)))) {
        assertThatThrownBy(() -> http.get(URI.create("http://site.test:" + port + "/out"), Map.of(), 1 << 20, u -> {}))
            .hasMessage("http://inside.test:" + port + "/secret: refused: 127.0.0.2 is a loopback address; links found in feeds may reach"
                + " public addresses only (ingest.http.allow-private-networks=true allows private networks)")
            .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
            .extracting(FetchException::reason).isEqualTo(IngestError.FORBIDDEN_ADDRESS);
        assertThat(web.requests("/out")).hasSize(1);
        assertThat(web.requests("/secret")).isEmpty();
      }
    }
  }

  @Test
  void theConnectionGoesToTheAddressThatWasCheckedNotToASecondLookup() throws Exception {
    try (WebServer checked = new WebServer("127.0.0.1")) {
      int port = URI.create(checked.url("/")).getPort();
      checked.text("/page", 200, "text/html", "<p>from the checked address</p>");
      try (WebServer sameport = rebindOn("127.0.0.2", port)) {
        sameport.text("/page", 200, "text/html", "<p>from the rebound address</p>");
        List<String> lookups = new ArrayList<>();
        // a rebinding name server: the first answer passes the check, later ones point inside
        HttpFetcher.Resolver rebinding = host -> {
          lookups.add(host);
          return new InetAddress[] {lookups.size() == 1 ? PUBLIC : INSIDE};
        };
        try (HttpFetcher http = new HttpFetcher(SETTINGS, new HostRateLimiter(Duration.ofMillis(1)), rebinding, SSLContext.getDefault(),
            new AddressPolicy(false, Set.of(PUBLIC)))) {
          HttpFetcher.Response r = http.get(URI.create("http://rebind.test:" + port + "/page"), Map.of(), 1 << 20, u -> {});
          assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("from the checked address");
          assertThat(lookups).hasSize(1);
          assertThat(sameport.requests()).isEmpty();
        }
      }
    }
  }

  @Test
  void robotsTxtOfAnItemHostIsCheckedToo() throws Exception {
    try (WebServer web = new WebServer("0.0.0.0")) {
      int port = URI.create(web.url("/")).getPort();
      web.text("/robots.txt", 200, "text/plain", "User-agent: *\nAllow: /\n");
      web.text("/page", 200, "text/html", "<p>page</p>");
      List<String> lookups = new ArrayList<>();
      HttpFetcher.Resolver rebinding = host -> {
        lookups.add(host);
        return new InetAddress[] {lookups.size() == 1 ? PUBLIC : INSIDE}; // the page passes, its robots.txt lookup points inside
      };
      HostRateLimiter limiter = new HostRateLimiter(Duration.ofMillis(1));
      try (HttpFetcher http = new HttpFetcher(SETTINGS, limiter, rebinding, SSLContext.getDefault(), new AddressPolicy(false, Set.of(PUBLIC)));
          PoliteFetcher fetcher = new PoliteFetcher(SETTINGS, Clock.systemUTC(), limiter, http)) {
        assertThatThrownBy(() -> fetcher.fetchPage(URI.create("http://flip.test:" + port + "/page")))
            .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
            .extracting(FetchException::reason).isEqualTo(IngestError.ROBOTS_DISALLOWED); // unreadable robots.txt: disallow all
        assertThat(web.requests()).isEmpty();
      }
    }
  }

  @Test
  void tlsChecksTheCertificateAgainstTheUrlsHostNotTheAddress(@TempDir Path dir) throws Exception {
    SSLContext serverTls = selfSigned(dir);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    https.createContext("/", ex -> {
      byte[] body = "<p>over TLS</p>".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    https.start();
    try (HttpFetcher http = new HttpFetcher(SETTINGS.withAllowPrivateNetworks(true).withTimeout(Duration.ofSeconds(20)), new HostRateLimiter(Duration.ofMillis(1)),
        InetAddress::getAllByName, clientTrusting(dir))) {
      int port = https.getAddress().getPort();
      HttpFetcher.Response ok = http.get(URI.create("https://localhost:" + port + "/a"), Map.of(), 1 << 20, u -> {});
      assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("<p>over TLS</p>");
      // the same server by its address: the certificate does not name it
      assertThatThrownBy(() -> http.get(URI.create("https://127.0.0.1:" + port + "/a"), Map.of(), 1 << 20, u -> {}))
          .asInstanceOf(InstanceOfAssertFactories.type(FetchException.class))
          .satisfies(e -> assertThat(e.reason()).isEqualTo(IngestError.NETWORK_ERROR))
          .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("127.0.0.1"));
    } finally {
      https.stop(0);
    }
  }

  private static HttpFetcher fetcher(FetchSettings settings, Map<String, List<InetAddress>> dns) {
    HttpFetcher.Resolver resolver = host -> {
      List<InetAddress> a = dns.get(host);
      if (a == null) {
        throw new java.net.UnknownHostException(host);
      }
      return a.toArray(new InetAddress[0]);
    };
    try {
      return new HttpFetcher(settings, new HostRateLimiter(Duration.ofMillis(1)), resolver, SSLContext.getDefault(),
          new AddressPolicy(settings.allowPrivateNetworks(), Set.of(PUBLIC)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A second server on another loopback address and the same port (where a rebound name would lead). */
  private static WebServer rebindOn(String address, int port) throws Exception {
    return new WebServer(address, port);
  }


  private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws java.io.IOException {
    ex.getResponseHeaders().set("Location", location);
    WebServer.send(ex, 302, null, new byte[0]);
  }

  /** A key pair and certificate for "localhost" only, made with the JDK's keytool. */
  private static SSLContext selfSigned(Path dir) throws Exception {
    Path ks = dir.resolve("server.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", "server",
        "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
        "-keystore", ks.toString(), "-storepass", "changeit", "-storetype", "PKCS12").redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    KeyStore store = load(ks);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static SSLContext clientTrusting(Path dir) throws Exception {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(load(dir.resolve("server.p12")));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static KeyStore load(Path p) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p)) {
      ks.load(in, "changeit".toCharArray());
    }
    return ks;
  }

  private static InetAddress address(String a) {
    try {
      return InetAddress.getByName(a);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
