package com.silverjems.testsupport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class TlsTestServerTest {

  @Test
  void aClientTrustingTheCertificateGetsOkAndSeesItsLifetime() throws Exception {
    try (TlsTestServer server = TlsTestServer.selfSigned(Duration.ofDays(29))) {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          server.certificatePem().getBytes(StandardCharsets.US_ASCII)));
      assertThat(certificate.getNotAfter().toInstant())
          .isBetween(
              Instant.now().plus(Duration.ofDays(28)), Instant.now().plus(Duration.ofDays(29)));

      HttpResponse<String> response = get(server, trusting(certificate));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() {
    try (TlsTestServer server = TlsTestServer.selfSigned(Duration.ofDays(1))) {
      assertThatThrownBy(() -> get(server, SSLContext.getDefault()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void theServerPresentsTheWholeChainOfALeaf() throws Exception {
    Instant now = Instant.now();
    TestCertificates.Issued authority = TestCertificates.authority("CN=Test CA", now);
    TestCertificates.Issued leaf =
        TestCertificates.leaf(authority, "localhost", now, now.plus(Duration.ofDays(10)));
    try (TlsTestServer server = TlsTestServer.start(leaf)) {
      assertThat(get(server, trusting(authority.leaf())).statusCode()).isEqualTo(200);
      assertThat(server.endpoint()).isEqualTo("localhost:" + server.port());
    }
  }

  private static HttpResponse<String> get(TlsTestServer server, SSLContext ssl) throws Exception {
    HttpClient client =
        HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(30)).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("https://" + server.endpoint() + "/"))
            .timeout(Duration.ofSeconds(60))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static SSLContext trusting(X509Certificate certificate) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("test", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
