package io.newsline.registry;

/**
 * A registry call failed. {@link #httpStatus()} and {@link #errorCode()} carry the registry's answer
 * (Confluent error codes such as 40401 subject not found, 40403 schema not found, 409 incompatible,
 * 42201 invalid schema); both are -1 when the registry could not be reached.
 */
public class SchemaRegistryException extends RuntimeException {
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, int httpStatus, int errorCode) {
    this(message, httpStatus, errorCode, null);
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }
}
