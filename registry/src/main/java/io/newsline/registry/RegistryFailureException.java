package io.newsline.registry;

/**
 * The registry cannot serve the caller, through no fault of the record being read or written: it
 * cannot be reached ({@link RegistryUnavailableException}), it refuses the caller's credentials
 * (HTTP 401) or permissions (403), or it has lost the schemas the topics were written with. A
 * stage that meets one fails and retries, reporting itself unhealthy; it never dead-letters a
 * record for it, since every other record would fail the same way.
 */
public class RegistryFailureException extends SchemaRegistryException {
  public RegistryFailureException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, httpStatus, errorCode, cause);
  }

  public RegistryFailureException(String message, int httpStatus, int errorCode) {
    super(message, httpStatus, errorCode);
  }

  /** Whether a registry failure is among the causes of {@code error}. */
  public static boolean causes(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RegistryFailureException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
