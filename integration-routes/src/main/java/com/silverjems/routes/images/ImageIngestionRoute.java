package com.silverjems.routes.images;

import com.silverjems.routes.images.ImageIngestion.Decision;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Uploads in {@code incoming/} become product images: claim (idempotent on key + ETag, one replica
 * at a time), validate and render, publish renditions, record them, move the original. Decisions
 * live in {@link ImageIngestion}; statements in {@code images/*.sql}; failures in {@link
 * ImagesErrorPolicy}.
 */
final class ImageIngestionRoute extends RouteBuilder {

  static final String ROUTE_ID = "images-ingest";

  private final ImageIngestion ingestion;
  private final ImagesProperties properties;

  ImageIngestionRoute(ImageIngestion ingestion, ImagesProperties properties) {
    this.ingestion = ingestion;
    this.properties = properties;
  }

  @Override
  public void configure() {
    ImagesProperties.Ingestion polling = properties.ingestion();
    from("aws2-s3://"
            + properties.uploadBucket()
            + "?amazonS3Client=#imagesS3Client"
            + "&prefix="
            + properties.incomingPrefix()
            // The route moves originals itself, to processed/ or rejected/ with metadata.
            + "&deleteAfterRead=false&moveAfterRead=false"
            // Stream the body: the route copies it to disk within the size limit.
            + "&includeBody=false&autocloseBody=true&includeFolders=false"
            + "&maxMessagesPerPoll="
            + polling.maxPerPoll()
            + "&delay="
            + polling.pollDelay().toMillis())
        .routeId(ROUTE_ID)
        .routeConfigurationId(ImagesErrorPolicy.ID)
        .process(ingestion::describe)
        .id("describe-upload")
        .to(
            "sql:classpath:images/claim.sql?outputType=SelectOne&outputHeader="
                + ImageIngestion.CLAIM)
        .id("claim-upload")
        .process(ingestion::decide)
        .id("decide")
        .choice()
        .when(exchangeProperty(ImageIngestion.DECISION).isEqualTo(Decision.BUSY))
        .log(LoggingLevel.DEBUG, "${header.imageUploadKey} is another replica's")
        .stop()
        .when(exchangeProperty(ImageIngestion.DECISION).isEqualTo(Decision.DONE))
        .process(ingestion::completeEarlier)
        .id("complete-earlier")
        .stop()
        .end()
        .process(ingestion::process)
        .id("process-image")
        .choice()
        .when(ImageIngestion::isRejected)
        .to("sql:classpath:images/record-rejected.sql")
        .id("record-rejected")
        .process(ingestion::afterRejected)
        .id("move-rejected")
        .otherwise()
        .process(ingestion::publish)
        .id("publish-renditions")
        .to(
            "sql:classpath:images/record-processed.sql?outputType=SelectOne&outputHeader="
                + ImageIngestion.RECORDED)
        .id("record-processed")
        .process(ingestion::afterProcessed)
        .id("move-processed")
        .end();
  }
}
