package io.newsline.registry;

/** The registry could not be reached, or kept answering 5xx, after all retries: a transient condition. */
public class RegistryUnavailableException extends RegistryFailureException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, -1, -1, cause);
  }

  public RegistryUnavailableException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }
}
