package com.silverjems.routes.images;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * What happens when an upload fails for a reason that is not the image's fault (S3 or the database
 * unreachable, a bug): the original stays in {@code incoming/}, the failure is recorded and the
 * claim held for a back-off, then a later poll retries; after {@code images.ingestion.max-attempts}
 * the upload is rejected as {@code processing_failed}. The exception is not marked handled, so the
 * failure is logged and counted in {@code camel_exchanges_failed_total}.
 */
final class ImagesErrorPolicy extends RouteConfigurationBuilder {

  static final String ID = "images-errors";

  private final ImageIngestion ingestion;

  ImagesErrorPolicy(ImageIngestion ingestion) {
    this.ingestion = ingestion;
  }

  @Override
  public void configuration() {
    routeConfiguration(ID)
        .onException(Exception.class)
        .maximumRedeliveries(0)
        .filter(header(ImageIngestion.INGESTION_ID).isNotNull())
        .process(ingestion::prepareFailureRecord)
        .to("sql:classpath:images/record-failure.sql")
        .end();
  }
}
