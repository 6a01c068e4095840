package com.silverjems.routes.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that an SNS message really comes from SNS and from our topic, as AWS documents it: the
 * signing certificate URL must be HTTPS on an {@code sns.<region>.amazonaws.com} host (else anyone
 * could sign with a certificate of their own), the signature (version 1: SHA1withRSA, version 2:
 * SHA256withRSA) must verify over the documented string, and the topic must be one we subscribed to
 * (SNS signs every customer's messages with the same certificate).
 */
final class SnsSignatureVerifier {

  static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

  private final SigningCertificateSource certificates;
  private final Set<String> topicArns;

  SnsSignatureVerifier(SigningCertificateSource certificates, Set<String> topicArns) {
    this.certificates = certificates;
    this.topicArns = Set.copyOf(topicArns);
  }

  /**
   * @throws ForgedNotification when any check fails
   */
  void verify(SnsMessage message) {
    if (!topicArns.contains(message.topicArn())) {
      throw new ForgedNotification("topic " + message.topicArn() + " is not one we subscribed to");
    }
    URI certificateUrl = checkedCertificateUrl(message.signingCertUrl());
    String algorithm =
        switch (message.signatureVersion()) {
          case "1" -> "SHA1withRSA";
          case "2" -> "SHA256withRSA";
          default ->
              throw new ForgedNotification(
                  "unknown SNS SignatureVersion " + message.signatureVersion());
        };
    X509Certificate certificate;
    try {
      certificate = certificates.certificate(certificateUrl);
      certificate.checkValidity();
    } catch (IOException | GeneralSecurityException e) {
      // Cannot tell genuine from forged without the certificate: an IOException propagates as a
      // failure instead (the message stays queued for a retry), an invalid certificate does not.
      if (e instanceof IOException io) {
        throw new java.io.UncheckedIOException(io);
      }
      throw new ForgedNotification("signing certificate is not valid: " + e.getMessage());
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(message.signature());
    } catch (IllegalArgumentException e) {
      throw new ForgedNotification("signature is not Base64");
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(message.stringToSign().getBytes(StandardCharsets.UTF_8));
      if (!verifier.verify(signature)) {
        throw new ForgedNotification("signature does not match the message");
      }
    } catch (GeneralSecurityException e) {
      throw new ForgedNotification("signature cannot be verified: " + e.getMessage());
    }
  }

  static URI checkedCertificateUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ForgedNotification("SigningCertURL is not a URL");
    }
    if (!"https".equals(uri.getScheme())
        || uri.getHost() == null
        || !SNS_HOST.matcher(uri.getHost()).matches()
        || uri.getUserInfo() != null
        || uri.getPort() != -1
        || uri.getPath() == null
        || !uri.getPath().endsWith(".pem")) {
      throw new ForgedNotification("SigningCertURL " + url + " is not an SNS certificate URL");
    }
    return uri;
  }
}
