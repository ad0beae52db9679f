package io.newsline.ingest.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsline.avro.RawArticle;
import io.newsline.common.Hashing;
import io.newsline.common.Json;
import io.newsline.common.http.HttpService;
import io.newsline.common.http.Request;
import io.newsline.common.http.Response;
import io.newsline.ingest.ArticleSink;
import io.newsline.ingest.ByteOrderMark;
import io.newsline.ingest.IncomingArticle;
import io.newsline.ingest.IngestError;
import io.newsline.ingest.IngestMetrics;
import io.newsline.ingest.IngestTransaction;
import io.newsline.ingest.Messages;
import io.newsline.ingest.RejectedInputException;
import io.newsline.ingest.StrictDecoding;
import io.newsline.ingest.TransactionResult;
import io.newsline.ingest.fetch.Charsets;
import io.newsline.ingest.source.ArticleJson;
import io.newsline.runtime.deadletter.DeadLetters;
import io.newsline.common.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push API: {@code POST /articles} with one JSON article or an array of them (the JSON Lines
 * fields: id, title, text or html, url, outlet, published_at, byline, language), authorised by
 * {@code Authorization: Bearer <token>}. Answers 202 with each article's id and duplicate link;
 * 401 (no token or a wrong one), 415 (not JSON), 413 (too large), 400 (bad JSON or invalid
 * articles, with the reason per article; nothing is ingested then), 503 (broker unavailable).
 * Token, content type and declared size are checked before the body is read (a client without the
 * token cannot make the endpoint wait for a body), and the server bounds connections and the time
 * for headers and body ({@link Limits}).
 */
public final class PushEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PushEndpoint.class);
  static final String SOURCE_TYPE = "push";

  private final ArticleSink sink;
  private final byte[] tokenHash;
  private final int maxArticles;
  private final HttpService http;

  /**
   * What one request and all of them together may cost.
   *
   * @param maxArticles articles per request
   * @param maxBodyBytes request body size
   * @param maxConnections connections open at once (half of them from one address at most)
   * @param headerTimeout time for the request line and headers
   * @param bodyTimeout time for the body
   */
  public record Limits(int maxArticles, long maxBodyBytes, int maxConnections, Duration headerTimeout, Duration bodyTimeout) {
    /** From ingest.push.* settings (see docs/ingest.md). */
    public static Limits from(Settings s) {
      return new Limits(s.getInt("ingest.push.max-articles", 1000), s.getLong("ingest.push.max-body-bytes", 16L * 1024 * 1024),
          s.getInt("ingest.push.max-connections", 128), s.getDuration("ingest.push.header-timeout", Duration.ofSeconds(10)),
          s.getDuration("ingest.push.body-timeout", Duration.ofSeconds(60)));
    }

    public static Limits of(int maxArticles, long maxBodyBytes) {
      Limits d = from(Settings.empty());
      return new Limits(maxArticles, maxBodyBytes, d.maxConnections(), d.headerTimeout(), d.bodyTimeout());
    }
  }

  private PushEndpoint(ArticleSink sink, String host, int port, String token, Limits limits) throws IOException {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the push endpoint needs a token (ingest.push.token)");
    }
    IngestMetrics.errorsFromZero(SOURCE_TYPE);
    IngestMetrics.pushRequestsFromZero();
    this.sink = sink;
    this.tokenHash = Hashing.sha256(token.getBytes(StandardCharsets.UTF_8));
    this.maxArticles = limits.maxArticles();
    this.http = HttpService.builder("push", host, port)
        .post("/articles", this::checkHead, this::push)
        .maxBodyBytes(limits.maxBodyBytes())
        .maxConnections(limits.maxConnections())
        .headerTimeout(limits.headerTimeout())
        .bodyTimeout(limits.bodyTimeout())
        .start();
  }

  public static PushEndpoint start(ArticleSink sink, String host, int port, String token, Limits limits) throws IOException {
    return new PushEndpoint(sink, host, port, token, limits);
  }

  public static PushEndpoint start(ArticleSink sink, String host, int port, String token, int maxArticles, long maxBodyBytes)
      throws IOException {
    return start(sink, host, port, token, Limits.of(maxArticles, maxBodyBytes));
  }

  /** Base URL, e.g. http://127.0.0.1:8092 */
  public String url() {
    return http.baseUrl();
  }

  /** Token and content type, before the body is read: a refused request's body is never read. */
  private Response checkHead(Request head) {
    Response refusal = refusal(head);
    if (refusal != null) {
      IngestMetrics.pushRequest(refusal.status());
    }
    return refusal;
  }

  private Response refusal(Request req) {
    String auth = req.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Response(401, Response.JSON, error(401, "missing bearer token: send Authorization: Bearer <token>"),
          Map.of("WWW-Authenticate", "Bearer realm=\"newsline\""));
    }
    // compare hashes, so neither the content nor the length of the token leaks through timing
    if (!MessageDigest.isEqual(tokenHash, Hashing.sha256(auth.substring(7).strip().getBytes(StandardCharsets.UTF_8)))) {
      // RFC 6750: a wrong token is 401 with error="invalid_token" (403 means a valid token lacking a
      // scope), so clients that renew credentials on 401 do so instead of giving up
      return new Response(401, Response.JSON, error(401, "invalid token"),
          Map.of("WWW-Authenticate", "Bearer realm=\"newsline\", error=\"invalid_token\""));
    }
    String type = req.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/json")) {
      return Response.error(415, "send the article(s) as application/json, got " + (type == null ? "no Content-Type" : Messages.quote(type)));
    }
    String coding = req.header("Content-Encoding");
    if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
      // a gzip body was decoded as the text itself: 400 "not valid UTF-8: byte 0x8B at offset 1"
      return new Response(415, Response.JSON, error(415, "Content-Encoding " + Messages.quote(coding)
          + " is not supported: send the JSON uncompressed"), Map.of("Accept-Encoding", "identity"));
    }
    return null;
  }

  private Response push(Request req) {
    Response r = handle(req);
    IngestMetrics.pushRequest(r.status());
    return r;
  }

  private Response handle(Request req) {
    String source = SOURCE_TYPE + ":" + (req.remote() == null ? "unknown" : req.remote().getAddress().getHostAddress());
    JsonNode body;
    try {
      body = Json.parse(strictUtf8(req.body(), req.header("Content-Type")));
    } catch (RejectedInputException e) {
      IngestMetrics.error(SOURCE_TYPE, e.reason());
      return Response.error(400, e.getMessage());
    } catch (IllegalArgumentException e) {
      IngestMetrics.error(SOURCE_TYPE, IngestError.BAD_JSON);
      return Response.error(400, Messages.bound(e.getMessage()));
    }
    List<JsonNode> items = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(items::add);
    } else {
      items.add(body);
    }
    if (items.isEmpty()) {
      return Response.error(400, "empty array: send at least one article");
    }
    if (items.size() > maxArticles) {
      return Response.error(413, "batch of " + items.size() + " articles exceeds the limit of " + maxArticles);
    }
    List<IncomingArticle> articles = new ArrayList<>();
    ArrayNode invalid = Json.mapper().createArrayNode();
    for (int i = 0; i < items.size(); i++) {
      try {
        articles.add(ArticleJson.fromNode(items.get(i), SOURCE_TYPE, source));
      } catch (RejectedInputException e) {
        IngestMetrics.error(SOURCE_TYPE, e.reason());
        invalid.addObject().put("index", i).put("message", e.getMessage());
      }
    }
    if (!invalid.isEmpty()) {
      ObjectNode o = Json.object().put("error_code", 400)
          .put("message", invalid.size() + " of " + items.size() + " articles are invalid; none was ingested");
      o.set("errors", invalid);
      return Response.json(400, o);
    }
    TransactionResult result;
    try {
      result = sink.publish(IngestTransaction.of(articles));
    } catch (RuntimeException e) {
      LOG.error("push: cannot publish {} articles", articles.size(), e);
      return Response.error(503, "ingest unavailable, retry later: " + Messages.bound(DeadLetters.describe(e)));
    }
    return Response.json(202, accepted(result));
  }

  private static ObjectNode accepted(TransactionResult result) {
    // "accepted" counts what the client may consider delivered, repeated deliveries included, so it
    // agrees with the list; "unchanged" says how many of them were already there and not published again
    ObjectNode o = Json.object().put("accepted", result.accepted()).put("unchanged", result.unchanged())
        .put("rejected", result.deadLetters());
    ArrayNode list = o.putArray("articles");
    for (TransactionResult.Outcome out : result.outcomes()) {
      ObjectNode a = list.addObject();
      RawArticle r = out.article();
      if (r == null) {
        a.put("status", "rejected").put("message", out.error());
        continue;
      }
      a.put("status", "accepted").put("id", r.getId());
      if (out.unchanged()) {
        a.put("unchanged", true);
      }
      if (r.getDuplicateOf() != null) {
        a.put("duplicate_of", r.getDuplicateOf()).put("duplicate_kind", r.getDuplicateKind());
      }
    }
    return o;
  }

  /**
   * The body as UTF-8, strictly; a UTF-8 byte-order mark is ignored (RFC 8259 8.1 allows that), a
   * UTF-16 one refused: JSON between systems is UTF-8. A declared charset is not obeyed (clients
   * often declare ISO-8859-1 by default and send UTF-8, which would then be read as mojibake), but
   * named in the error when the bytes are not UTF-8, since it is then the likely cause.
   */
  private static String strictUtf8(byte[] body, String contentType) {
    ByteOrderMark bom = ByteOrderMark.of(body);
    if (bom != null && !bom.charset().equals(StandardCharsets.UTF_8)) {
      throw new RejectedInputException(IngestError.BAD_ENCODING,
          "request body is " + bom.charset().name() + " (it starts with its byte-order mark): JSON must be sent as UTF-8", null);
    }
    try {
      return StrictDecoding.decode(body, StandardCharsets.UTF_8);
    } catch (StrictDecoding.InvalidBytesException e) {
      String charset = Charsets.fromContentType(contentType);
      throw new RejectedInputException(IngestError.BAD_ENCODING, "request body is " + e.getMessage()
          + (charset == null || charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8") ? ""
              : "; the request declares charset=" + Messages.quote(charset) + ", but JSON must be sent as UTF-8"), e);
    }
  }

  private static byte[] error(int status, String message) {
    return Json.write(Map.of("error_code", status, "message", message)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    http.close();
  }
}
