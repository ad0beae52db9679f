package io.newsline.ingest;

import java.util.Locale;

/**
 * Why an input could not be ingested, as a short metric label: every failure is counted in
 * newsline_ingest_errors_total{source_type, reason} with one of these, and named in the dead letter.
 */
public enum IngestError {
  TIMEOUT,
  CONNECT_ERROR,
  NETWORK_ERROR,
  HTTP_4XX,
  HTTP_5XX,
  TOO_LARGE,
  REDIRECT_LOOP,
  TOO_MANY_REDIRECTS,
  BAD_REDIRECT,
  BAD_ENCODING,
  UNSUPPORTED_CONTENT_TYPE,
  ROBOTS_DISALLOWED,
  INVALID_URL,
  /** A URL from feed content led to a loopback, private, link-local or other non-public address. */
  FORBIDDEN_ADDRESS,
  XML_DTD_REFUSED,
  XML_MALFORMED,
  NOT_A_FEED,
  BAD_JSON,
  INVALID_ARTICLE,
  UNREADABLE_FILE,
  INTERNAL;

  /** The metric label: lower case, e.g. redirect_loop. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
