package io.newsline.registry.client;

import io.newsline.common.config.ConfigException;
import io.newsline.registry.client.RegistryClientConfig.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the SSLContext for HTTPS to the registry from the schema.registry.ssl.* settings. */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext create(TlsConfig tls) {
    try {
      TrustManager[] trust = null;
      if (tls.truststoreLocation() != null) {
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(tls.truststoreLocation(), tls.truststoreType(), tls.truststorePassword(),
            RegistryClientConfig.TRUSTSTORE_LOCATION));
        trust = tmf.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (tls.keystoreLocation() != null) {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        String keyPassword = tls.keyPassword() != null ? tls.keyPassword() : tls.keystorePassword();
        kmf.init(load(tls.keystoreLocation(), tls.keystoreType(), tls.keystorePassword(),
                RegistryClientConfig.KEYSTORE_LOCATION),
            keyPassword == null ? null : keyPassword.toCharArray());
        keys = kmf.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("schema registry TLS settings are not usable: " + e.getMessage());
    }
  }

  private static KeyStore load(String location, String type, String password, String key)
      throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, password == null ? null : password.toCharArray());
    } catch (IOException e) {
      // never include the password: the message names the file and the reason only
      throw new ConfigException("setting " + key + ": cannot read " + type + " store " + location
          + ": " + e.getMessage());
    }
    return store;
  }
}
