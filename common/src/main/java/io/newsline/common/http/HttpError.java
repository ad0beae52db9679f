package io.newsline.common.http;

import java.util.Map;

/** An error answer: a status code and a JSON body (by default {"error_code", "message"}). */
public class HttpError extends RuntimeException {
  private final int status;
  private final transient Object body;

  public HttpError(int status, String message) {
    this(status, Map.of("error_code", status, "message", message), message);
  }

  public HttpError(int status, Object body, String message) {
    super(message);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public Object body() {
    return body;
  }
}
