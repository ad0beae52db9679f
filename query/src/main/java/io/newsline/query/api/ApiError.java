package io.newsline.query.api;

import io.newsline.common.http.HttpError;
import java.util.Map;

/** The API's error answers: a status and {"error": "..."}, never a stack trace. */
final class ApiError {
  private ApiError() {}

  static HttpError badRequest(String message) {
    return of(400, message);
  }

  static HttpError notFound(String message) {
    return of(404, message);
  }

  static HttpError of(int status, String message) {
    return new HttpError(status, body(message), message);
  }

  static Map<String, Object> body(String message) {
    return Map.of("error", message);
  }
}
