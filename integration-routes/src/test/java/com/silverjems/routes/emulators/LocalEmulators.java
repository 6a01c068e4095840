package com.silverjems.routes.emulators;

import com.silverjems.routes.delivery.SigningCertificateSource;
import com.silverjems.routes.images.LocalS3;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the hub's route groups talk to in the local run, all in this JVM: S3Proxy for the image
 * buckets ({@code <data>/s3}), ElasticMQ for the SES events queue, the SES stand-in ({@link
 * LocalSes}) whose mails land in {@code <data>/mail}, and an SNS signer that signs the delivery
 * events the stand-in reports. {@link #springProperties()} points the hub at them; {@link
 * #certificates()} must be registered as the hub's {@link SigningCertificateSource} so that it
 * accepts those signatures.
 */
public final class LocalEmulators implements AutoCloseable {

  public static final String QUEUE = "silverjems-ses-events";

  private final InProcessSqs sqs;
  private final SnsSigner sns;
  private final LocalSes ses;
  private final LocalS3 s3;

  private LocalEmulators(InProcessSqs sqs, SnsSigner sns, LocalSes ses, LocalS3 s3) {
    this.s3 = s3;
    this.sqs = sqs;
    this.sns = sns;
    this.ses = ses;
  }

  /**
   * @param dataDirectory the local run's data folder; mails go to {@code mail/} inside it
   * @param mailPort port of the mail page, 0 for a free one
   * @param s3Port port of the S3-compatible server, 0 for a free one
   */
  public static LocalEmulators start(Path dataDirectory, int mailPort, int s3Port) {
    LocalS3 s3 = LocalS3.onDisk(dataDirectory.resolve("s3"), s3Port);
    InProcessSqs sqs = InProcessSqs.start();
    String queueUrl = sqs.createQueue(QUEUE, 30);
    SnsSigner sns = SnsSigner.create();
    LocalSes ses =
        LocalSes.start(
            dataDirectory.resolve("mail"),
            mailPort,
            (event, recipient) ->
                sqs.client()
                    .sendMessage(
                        b ->
                            b.queueUrl(queueUrl)
                                .messageBody(
                                    sns.notification(EmailTestProperties.TOPIC_ARN, event))));
    return new LocalEmulators(sqs, sns, ses, s3);
  }

  /** Spring properties for every route group (the datasource excepted). */
  public Map<String, String> springProperties() {
    Map<String, String> properties = new HashMap<>(s3.springProperties());
    properties.put("silverjems.email.from-address", "orders@silverjems.example");
    properties.put("silverjems.email.reply-to", "hello@silverjems.example");
    properties.put("silverjems.email.ses.region", InProcessSqs.REGION);
    properties.put("silverjems.email.ses.endpoint", ses.endpoint().toString());
    properties.put("silverjems.email.brand.shop-url", "http://localhost:8080");
    // No SNS topic for SES events locally: no configuration set.
    properties.put("silverjems.email.configuration-set", "");
    properties.put("silverjems.delivery.queue", QUEUE);
    properties.put("silverjems.delivery.topic-arns", EmailTestProperties.TOPIC_ARN);
    properties.put("silverjems.delivery.sqs.region", InProcessSqs.REGION);
    properties.put("silverjems.delivery.sqs.endpoint", sqs.endpoint().toString());
    properties.put("silverjems.delivery.wait-time-seconds", "5");
    return properties;
  }

  public SigningCertificateSource certificates() {
    return sns.trustedSource();
  }

  /** The page that lists the mails sent. */
  public URI mailPage() {
    return ses.endpoint();
  }

  public Path mailFolder() {
    return ses.folder();
  }

  /** The S3-compatible server's endpoint (both image buckets). */
  public URI s3Endpoint() {
    return s3.endpoint();
  }

  /** Where the storefront loads image renditions from. */
  public String publicImagesUrl() {
    return s3.publicBaseUrl();
  }

  @Override
  public void close() {
    ses.close();
    sqs.close();
    s3.close();
  }
}
