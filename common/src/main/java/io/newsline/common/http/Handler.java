package io.newsline.common.http;

/** Handles one routed request. Throw {@link HttpError} to answer with a status and reason. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
