package com.silverjems.routes.emulators;

import com.silverjems.testsupport.TestPostgres;
import java.util.HashMap;
import java.util.Map;

/** Spring properties that point the email groups at a test database and the emulators. */
public final class EmailTestProperties {
  private EmailTestProperties() {}

  public static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:silverjems-ses-events";

  /** The email relay against {@code ses}, tuned for tests: fast polls, short pauses. */
  public static Map<String, String> relay(TestPostgres.Database database, SesStub ses) {
    return relay(database, ses.endpoint());
  }

  /** The email relay against an SES at {@code sesEndpoint}. */
  public static Map<String, String> relay(
      TestPostgres.Database database, java.net.URI sesEndpoint) {
    Map<String, String> properties = new HashMap<>(database.springProperties());
    properties.put("silverjems.email.from-address", "orders@silverjems.example");
    properties.put("silverjems.email.reply-to", "hello@silverjems.example");
    properties.put("silverjems.email.configuration-set", "");
    properties.put("silverjems.email.brand.shop-url", "https://silverjems.example");
    properties.put("silverjems.email.ses.region", "eu-west-1");
    properties.put("silverjems.email.ses.endpoint", sesEndpoint.toString());
    properties.put("silverjems.email.ses.send-rate-per-second", "0");
    properties.put("silverjems.email.relay.poll-delay", "100ms");
    properties.put("silverjems.email.relay.throttle-pause", "200ms");
    properties.put("silverjems.email.relay.backoff-base", "200ms");
    properties.put("silverjems.email.relay.backoff-max", "1s");
    properties.put("silverjems.email.relay.max-attempts", "3");
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.structured.format.console", "");
    return properties;
  }

  /** The delivery-events group against {@code queue} on {@code sqs}. */
  public static Map<String, String> delivery(InProcessSqs sqs, String queue) {
    Map<String, String> properties = new HashMap<>();
    properties.put("silverjems.delivery.queue", queue);
    properties.put("silverjems.delivery.topic-arns", TOPIC_ARN);
    properties.put("silverjems.delivery.sqs.region", InProcessSqs.REGION);
    properties.put("silverjems.delivery.sqs.endpoint", sqs.endpoint().toString());
    properties.put("silverjems.delivery.wait-time-seconds", "1");
    properties.put("silverjems.delivery.resend-backoff-base", "1s");
    properties.put("silverjems.delivery.resend-backoff-max", "2s");
    properties.put("silverjems.delivery.max-resends", "1");
    return properties;
  }
}
