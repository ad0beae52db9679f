package io.newsline.registry.server;

import io.newsline.common.http.HttpError;
import java.util.Map;

/** A Confluent-style error answer: the HTTP status is the error code's first three digits (40401 → 404). */
final class RegistryError extends HttpError {
  static final int SUBJECT_NOT_FOUND = 40401;
  static final int VERSION_NOT_FOUND = 40402;
  static final int SCHEMA_NOT_FOUND = 40403;
  static final int SUBJECT_SOFT_DELETED = 40404;
  static final int SUBJECT_NOT_SOFT_DELETED = 40405;
  static final int VERSION_SOFT_DELETED = 40406;
  static final int VERSION_NOT_SOFT_DELETED = 40407;
  static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;
  static final int INCOMPATIBLE = 409;
  static final int INVALID_SCHEMA = 42201;
  static final int INVALID_VERSION = 42202;
  static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  static final int STORE_ERROR = 50001;

  RegistryError(int errorCode, String message) {
    super(errorCode > 999 ? errorCode / 100 : errorCode,
        Map.of("error_code", errorCode, "message", message), message);
  }
}
