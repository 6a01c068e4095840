package com.silverjems.routes;

import static com.silverjems.schema.startup.RequiredSetting.listContains;

import com.silverjems.schema.startup.RequiredSetting;
import com.silverjems.schema.startup.RequiredSettings;
import java.util.List;

/**
 * What the hub's image cannot start without, for the route groups it is told to run: every variable
 * infra's task definitions give it but SERVER_PORT (whose default is the image's port). {@link
 * IntegrationRoutesApplication#main} checks them before anything connects; DeployedConfigurationIT
 * removes each in turn from the production jar's environment and expects start-up to stop with the
 * one line naming it.
 */
public final class ProductionSettings {

  private static final String GROUPS = "routes.groups";

  public static final RequiredSettings REQUIRED =
      new RequiredSettings(
          "the integration hub",
          List.of(
              RequiredSetting.of(
                  GROUPS, "which route groups to run (email, delivery-events or images)"),
              RequiredSetting.of("AWS_REGION", "AWS_REGION", "the AWS region of SES, SQS and S3"),
              RequiredSetting.of("spring.datasource.url", "the PostgreSQL database (JDBC URL)"),
              RequiredSetting.of("spring.datasource.username", "the hub's database role"),
              RequiredSetting.of("spring.datasource.password", "the hub's database role"),
              RequiredSetting.of(
                      "silverjems.email.from-address",
                      "the from-address of every email (verified in SES)")
                  .when(listContains(GROUPS, "email")),
              RequiredSetting.of(
                      "silverjems.email.configuration-set",
                      "the SES configuration set that publishes bounces and complaints")
                  .orEmpty()
                  .when(listContains(GROUPS, "email")),
              RequiredSetting.of(
                      "silverjems.email.brand.shop-url", "the site the emails' links point at")
                  .when(listContains(GROUPS, "email")),
              RequiredSetting.of(
                      "silverjems.admin-api.signing-key",
                      "the key the shop signs its admin API calls with")
                  .when(listContains(GROUPS, "email").or(listContains(GROUPS, "delivery-events"))),
              RequiredSetting.of(
                      "silverjems.delivery.queue",
                      "the SQS queue subscribed to the SES events topic")
                  .when(listContains(GROUPS, "delivery-events")),
              RequiredSetting.of(
                      "silverjems.delivery.queue-url",
                      "that queue's URL (the task role may not look it up by name)")
                  .when(listContains(GROUPS, "delivery-events")),
              RequiredSetting.of(
                      "silverjems.delivery.topic-arns",
                      "the SNS topics whose notifications are genuine")
                  .when(listContains(GROUPS, "delivery-events")),
              RequiredSetting.of(
                      "images.upload-bucket",
                      "IMAGES_UPLOAD_BUCKET",
                      "the bucket admins' photo uploads arrive in")
                  .when(listContains(GROUPS, "images")),
              RequiredSetting.of(
                      "images.public-bucket",
                      "IMAGES_PUBLIC_BUCKET",
                      "the bucket the CDN serves renditions from")
                  .when(listContains(GROUPS, "images"))));

  private ProductionSettings() {}
}
