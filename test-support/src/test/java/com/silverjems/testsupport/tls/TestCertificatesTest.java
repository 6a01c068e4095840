package com.silverjems.testsupport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCertificatesTest {

  @Test
  void writtenPemFilesReadBackAsTheSameCertificateAndAnOwnerOnlyPkcs8Key(@TempDir Path dir)
      throws Exception {
    Instant now = Instant.now();
    TestCertificates.Issued issued =
        TestCertificates.selfSigned("localhost", now, now.plus(Duration.ofDays(2)));
    Path certificate = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");

    issued.writePem(certificate, key);

    try (InputStream in = Files.newInputStream(certificate)) {
      X509Certificate read =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      assertThat(read).isEqualTo(issued.leaf());
    }
    String pem = Files.readString(key);
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----");
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)))
        .isEqualTo(issued.key().getPrivate());
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }
}
