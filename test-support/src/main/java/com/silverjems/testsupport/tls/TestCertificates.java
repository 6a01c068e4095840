package com.silverjems.testsupport.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real X.509 certificates for tests: a private CA and leaves with chosen names and lifetimes
 * (expired, expiring, wrong host), or a self-signed one. {@link TlsTestServer} presents them.
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  /** A key and its certificate chain, leaf first. */
  public record Issued(KeyPair key, X509Certificate[] chain) {
    public X509Certificate leaf() {
      return chain[0];
    }

    /**
     * Writes the chain and the private key (PKCS#8, as {@code openssl req -nodes} does) in PEM, for
     * servers configured with files (Redis, stunnel, PostgreSQL); the key readable by its owner
     * only.
     */
    public void writePem(Path certificate, Path privateKey) throws IOException {
      Files.writeString(certificate, pem((Object[]) chain));
      Files.writeString(privateKey, pem(new JcaPKCS8Generator(key.getPrivate(), null)));
      Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private TestCertificates() {}

  public static Issued authority(String name, Instant now) throws GeneralSecurityException {
    KeyPair key = rsa();
    X509Certificate certificate =
        build(
            name,
            name,
            key,
            key,
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(3650)),
            null,
            true);
    return new Issued(key, new X509Certificate[] {certificate});
  }

  public static Issued leaf(Issued authority, String host, Instant notBefore, Instant notAfter)
      throws GeneralSecurityException {
    KeyPair key = rsa();
    X509Certificate certificate =
        build(
            host,
            authority.leaf().getSubjectX500Principal().getName(),
            key,
            authority.key(),
            notBefore,
            notAfter,
            host,
            false);
    return new Issued(key, new X509Certificate[] {certificate, authority.leaf()});
  }

  public static Issued selfSigned(String host, Instant notBefore, Instant notAfter)
      throws GeneralSecurityException {
    KeyPair key = rsa();
    return new Issued(
        key, new X509Certificate[] {build(host, host, key, key, notBefore, notAfter, host, false)});
  }

  public static String pem(Object... objects) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    }
    return text.toString();
  }

  private static X509Certificate build(
      String subject,
      String issuer,
      KeyPair subjectKey,
      KeyPair issuerKey,
      Instant notBefore,
      Instant notAfter,
      String dnsName,
      boolean authority)
      throws GeneralSecurityException {
    try {
      X500Name subjectName =
          subject.contains("=") ? new X500Name(subject) : new X500Name("CN=" + subject);
      X500Name issuerName =
          issuer.contains("=") ? new X500Name(issuer) : new X500Name("CN=" + issuer);
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(notBefore),
              Date.from(notAfter),
              subjectName,
              subjectKey.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      if (dnsName != null) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey.getPrivate())));
    } catch (org.bouncycastle.operator.OperatorCreationException
        | org.bouncycastle.cert.CertIOException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }
}
