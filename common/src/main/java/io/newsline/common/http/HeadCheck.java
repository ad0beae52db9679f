package io.newsline.common.http;

/**
 * Looks at a request before its body is read (method, path, query, headers, client; the body is
 * empty): returns an answer to refuse it with, e.g. 401 or 415, or null to go on. A refused body
 * is never read, so a client without the right credentials cannot make the server wait for it.
 */
@FunctionalInterface
public interface HeadCheck {
  Response check(Request head);
}
