package com.silverjems.routes.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.emulators.SnsSigner;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsSignatureVerifierTest {

  static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-events";
  static final SnsSigner sns = SnsSigner.create();
  static final ObjectMapper json = new ObjectMapper();

  final SnsSignatureVerifier verifier =
      new SnsSignatureVerifier(sns.trustedSource(), Set.of(TOPIC));

  @ParameterizedTest
  @ValueSource(strings = {"1", "2"})
  void acceptsWhatSnsSignedWithEitherSignatureVersion(String version) {
    SnsMessage message = SnsMessage.parse(json, sns.notification(TOPIC, "{\"a\":1}", version));
    assertThatCode(() -> verifier.verify(message)).doesNotThrowAnyException();
  }

  @Test
  void rejectsATamperedMessage() {
    String envelope = sns.notification(TOPIC, "{\"bounce\":\"Transient\"}");
    SnsMessage message = SnsMessage.parse(json, envelope.replace("Transient", "Permanent"));
    assertThatThrownBy(() -> verifier.verify(message))
        .isInstanceOf(ForgedNotification.class)
        .hasMessageContaining("signature does not match");
  }

  @Test
  void rejectsAMessageSignedWithSomeoneElsesKey() {
    SnsMessage message = SnsMessage.parse(json, SnsSigner.create().notification(TOPIC, "{}"));
    assertThatThrownBy(() -> verifier.verify(message)).isInstanceOf(ForgedNotification.class);
  }

  @Test
  void rejectsATopicWeDidNotSubscribeTo() {
    SnsMessage message = SnsMessage.parse(json, sns.notification(TOPIC + "-other", "{}"));
    assertThatThrownBy(() -> verifier.verify(message))
        .isInstanceOf(ForgedNotification.class)
        .hasMessageContaining("not one we subscribed to");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://sns.eu-west-1.amazonaws.com/cert.pem",
        "https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem",
        "https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem",
        "https://user@sns.eu-west-1.amazonaws.com/cert.pem",
        "https://sns.eu-west-1.amazonaws.com:8443/cert.pem",
        "https://sns.eu-west-1.amazonaws.com/cert.txt",
        "https://s3.eu-west-1.amazonaws.com/cert.pem",
        "not a url"
      })
  void acceptsOnlySnsCertificateUrls(String url) {
    assertThatThrownBy(() -> SnsSignatureVerifier.checkedCertificateUrl(url))
        .isInstanceOf(ForgedNotification.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem"
      })
  void acceptsRealSnsCertificateUrls(String url) {
    assertThatCode(() -> SnsSignatureVerifier.checkedCertificateUrl(url))
        .doesNotThrowAnyException();
  }

  @Test
  void anEnvelopeWithoutASignatureIsMalformed() {
    assertThatThrownBy(
            () -> SnsMessage.parse(json, "{\"Type\":\"Notification\",\"MessageId\":\"1\"}"))
        .isInstanceOf(MalformedNotification.class);
    assertThatThrownBy(() -> SnsMessage.parse(json, "[1,2]"))
        .isInstanceOf(MalformedNotification.class);
  }
}
