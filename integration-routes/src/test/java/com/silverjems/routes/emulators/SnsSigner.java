package com.silverjems.routes.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.silverjems.routes.delivery.SigningCertificateSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Plays SNS: a signing key and self-signed certificate made with the JDK's keytool, and SNS
 * envelopes signed with them exactly as SNS signs (the documented string to sign, SignatureVersion
 * 1 or 2). {@link #trustedSource()} is what tests and the local run inject in place of the HTTPS
 * fetch of SNS's certificate.
 */
public final class SnsSigner {

  public static final String CERT_URL =
      "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrivateKey key;
  private final X509Certificate certificate;

  private SnsSigner(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    this.certificate = certificate;
  }

  /** A new key pair and certificate (about a second: keytool runs in its own process). */
  public static SnsSigner create() {
    try {
      Path directory = Files.createTempDirectory("sns-signer");
      Path store = directory.resolve("sns.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "sns",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-sigalg",
                  "SHA256withRSA",
                  "-dname",
                  "CN=sns.amazonaws.com",
                  "-validity",
                  "3650",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  store.toString(),
                  "-storepass",
                  "changeit",
                  "-keypass",
                  "changeit")
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, "changeit".toCharArray());
      }
      PrivateKey key = (PrivateKey) keyStore.getKey("sns", "changeit".toCharArray());
      X509Certificate certificate = (X509Certificate) keyStore.getCertificate("sns");
      Files.delete(store);
      Files.delete(directory);
      return new SnsSigner(key, certificate);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Could not make an SNS signing key", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Returns this signer's certificate for any URL: the verifier has checked the URL before. */
  public SigningCertificateSource trustedSource() {
    return url -> certificate;
  }

  /** A signed SNS Notification envelope carrying {@code message}, as SQS delivers it. */
  public String notification(String topicArn, String message) {
    return notification(topicArn, message, "2");
  }

  public String notification(String topicArn, String message, String signatureVersion) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("Type", "Notification");
    envelope.put("MessageId", UUID.randomUUID().toString());
    envelope.put("TopicArn", topicArn);
    envelope.put("Message", message);
    envelope.put("Timestamp", Instant.now().toString());
    envelope.put("SignatureVersion", signatureVersion);
    envelope.put("SigningCertURL", CERT_URL);
    envelope.put(
        "UnsubscribeURL",
        "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
            + topicArn
            + ":x");
    envelope.put("Signature", sign(stringToSign(envelope), signatureVersion));
    return envelope.toString();
  }

  /** The documented string to sign of a Notification (without Subject). */
  public static String stringToSign(ObjectNode envelope) {
    return "Message\n"
        + envelope.path("Message").asText()
        + "\nMessageId\n"
        + envelope.path("MessageId").asText()
        + "\nTimestamp\n"
        + envelope.path("Timestamp").asText()
        + "\nTopicArn\n"
        + envelope.path("TopicArn").asText()
        + "\nType\n"
        + envelope.path("Type").asText()
        + "\n";
  }

  public String sign(String text, String signatureVersion) {
    try {
      Signature signature =
          Signature.getInstance("1".equals(signatureVersion) ? "SHA1withRSA" : "SHA256withRSA");
      signature.initSign(key);
      signature.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
