package com.silverjems.shop;

import static com.silverjems.schema.startup.RequiredSetting.enabled;
import static com.silverjems.schema.startup.RequiredSetting.is;
import static com.silverjems.schema.startup.RequiredSetting.present;

import com.silverjems.schema.startup.RequiredSetting;
import com.silverjems.schema.startup.RequiredSettings;
import java.util.List;

/**
 * What the shop's image cannot start without: every variable infra's task definition gives it but
 * SERVER_PORT (whose default is the image's port). {@link ShopApplication#main} checks them before
 * anything connects; DeployedConfigurationIT removes each in turn from the production jar's
 * environment and expects start-up to stop with the one line naming it.
 */
public final class ProductionSettings {

  public static final RequiredSettings REQUIRED =
      new RequiredSettings(
          "the shop",
          List.of(
              RequiredSetting.of("spring.datasource.url", "the PostgreSQL database (JDBC URL)"),
              RequiredSetting.of("spring.datasource.username", "the shop's database role"),
              RequiredSetting.of("spring.datasource.password", "the shop's database role"),
              RequiredSetting.of("spring.flyway.user", "the database owner the migrations run as")
                  .when(enabled("spring.flyway.enabled")),
              RequiredSetting.of(
                      "spring.flyway.password", "the database owner the migrations run as")
                  .when(enabled("spring.flyway.enabled")),
              RequiredSetting.of(
                  "silverjems.database.roles.shop-password",
                  "the shop role's password, set after every migration"),
              RequiredSetting.of(
                  "silverjems.database.roles.hub-password",
                  "the hub role's password, set after every migration"),
              RequiredSetting.of(
                  "silverjems.database.roles.monitoring-password",
                  "the monitoring role's password, set after every migration"),
              RequiredSetting.of(
                      "spring.data.redis.host", "the catalogue cache (Redis) to connect to")
                  .when(enabled("silverjems.catalog.cache.enabled")),
              RequiredSetting.of("spring.data.redis.port", "the catalogue cache's port")
                  .when(enabled("silverjems.catalog.cache.enabled")),
              RequiredSetting.of(
                      "spring.data.redis.ssl.enabled",
                      "whether the catalogue cache speaks TLS (ElastiCache: true)")
                  .when(enabled("silverjems.catalog.cache.enabled")),
              RequiredSetting.of("spring.data.redis.password", "the catalogue cache's AUTH token")
                  .when(enabled("silverjems.catalog.cache.enabled")),
              RequiredSetting.of(
                      "silverjems.payments.stripe.api-key",
                      "STRIPE_API_KEY",
                      "the Stripe secret key payments are created with")
                  .when(is("silverjems.payments.provider", "stripe", "stripe")),
              RequiredSetting.of(
                      "silverjems.payments.stripe.webhook-secret",
                      "SILVERJEMS_PAYMENTS_WEBHOOK_SECRET",
                      "the secret Stripe signs its payment webhooks with")
                  .when(is("silverjems.payments.provider", "stripe", "stripe")),
              RequiredSetting.of(
                  "spring.security.oauth2.client.registration.google.client-id",
                  "GOOGLE_CLIENT_ID",
                  "the Google sign-in client"),
              RequiredSetting.of(
                  "spring.security.oauth2.client.registration.google.client-secret",
                  "GOOGLE_CLIENT_SECRET",
                  "the Google sign-in client's secret"),
              RequiredSetting.of(
                  "silverjems.identity.mfa.encryption-key",
                  "the key admins' TOTP secrets are encrypted with (32 bytes, base64)"),
              RequiredSetting.of(
                  "silverjems.identity.public-base-url",
                  "the site's public address, of emailed links and Google's redirect"),
              RequiredSetting.of(
                  "silverjems.catalog.images-base-url",
                  "IMAGES_BASE_URL",
                  "where browsers load product images from (the CDN)"),
              RequiredSetting.of(
                  "silverjems.images.region", "AWS_REGION", "the AWS region of the upload bucket"),
              RequiredSetting.of(
                      "silverjems.images.upload-bucket", "the bucket admins' photo uploads go to")
                  .orEmpty(),
              RequiredSetting.of(
                      "silverjems.email-hub.url", "the email hub's admin API (the email page)")
                  .orEmpty(),
              RequiredSetting.of(
                      "silverjems.email-hub.signing-key",
                      "the key the shop signs its calls to the email hub with")
                  .when(present("silverjems.email-hub.url"))));

  private ProductionSettings() {}
}
