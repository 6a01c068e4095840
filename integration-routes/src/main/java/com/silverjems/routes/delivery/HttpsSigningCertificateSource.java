package com.silverjems.routes.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches SNS signing certificates over HTTPS (the JDK checks the server's TLS certificate, so what
 * arrives is SNS's) and keeps them: SNS rotates them rarely and names each by URL.
 */
final class HttpsSigningCertificateSource implements SigningCertificateSource {

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

  @Override
  public X509Certificate certificate(URI url) throws IOException {
    X509Certificate cached = cache.get(url);
    if (cached != null) {
      return cached;
    }
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("SNS certificate " + url + " answered HTTP " + response.statusCode());
      }
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(response.body()));
      cache.put(url, certificate);
      return certificate;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted fetching " + url, e);
    } catch (CertificateException e) {
      throw new IOException("SNS certificate " + url + " is not an X.509 certificate", e);
    }
  }
}
