package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SesException;

class SendFailureTest {

  @Test
  void throttlingSlowsDown() {
    assertThat(SendFailure.classify(ses(400, "Throttling"))).isEqualTo(SendFailure.THROTTLED);
  }

  @Test
  void refusedMessagesAndInvalidEventsAreGivenUpOn() {
    SesException rejected =
        (SesException)
            MessageRejectedException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("MessageRejected")
                        .errorMessage("no")
                        .build())
                .build();
    assertThat(SendFailure.classify(rejected)).isEqualTo(SendFailure.PERMANENT);
    assertThat(
            SendFailure.classify(
                new CamelExecutionException("x", null, new InvalidOutboxEvent("bad"))))
        .isEqualTo(SendFailure.PERMANENT);
    assertThat(SendFailure.classify(new ClaimsExhausted(9))).isEqualTo(SendFailure.PERMANENT);
  }

  @Test
  void outagesAreRetried() {
    assertThat(SendFailure.classify(ses(503, "ServiceUnavailable")))
        .isEqualTo(SendFailure.TRANSIENT);
    assertThat(SendFailure.classify(SdkClientException.create("connection reset")))
        .isEqualTo(SendFailure.TRANSIENT);
    assertThat(SendFailure.classify(new IllegalStateException("pool exhausted")))
        .isEqualTo(SendFailure.TRANSIENT);
  }

  @Test
  void describesSesErrorsByCode() {
    assertThat(SendFailure.describe(ses(503, "ServiceUnavailable")))
        .isEqualTo("SES ServiceUnavailable: message");
  }

  private static SesException ses(int status, String code) {
    return (SesException)
        SesException.builder()
            .statusCode(status)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage("message").build())
            .build();
  }
}
