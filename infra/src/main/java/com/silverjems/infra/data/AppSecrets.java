package com.silverjems.infra.data;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.config.SecretNames;
import com.silverjems.infra.constructs.InPlaceConstruct;
import com.silverjems.infra.constructs.Nag;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The applications' own secrets: the providers' credentials (payment webhook, Stripe, Google
 * sign-in), set by hand; the key that encrypts admins' TOTP secrets; the key signing the shop's
 * calls to the hub's admin API. None rotates through Secrets Manager (each says why).
 */
public final class AppSecrets extends InPlaceConstruct {

  /**
   * @param env the environment (prefix of the secrets' names)
   */
  public record Props(DeploymentEnvironment env) {}

  private final Secret paymentWebhook;
  private final Secret stripeApiKey;
  private final Secret smokeChecks;
  private final Secret googleOAuthClient;
  private final Secret mfaEncryptionKey;
  private final Secret adminApiSigningKey;

  public AppSecrets(Construct scope, String id, Props props) {
    super(scope, id);
    Construct in = resourceScope();
    String prefix = props.env().prefix();
    paymentWebhook =
        Secret.Builder.create(in, "PaymentWebhookSecret")
            .secretName(SecretNames.paymentWebhook(props.env()))
            .description(
                "Signing key of the payment provider's webhook; set by hand from its console")
            .build();
    stripeApiKey =
        Secret.Builder.create(in, "StripeApiKey")
            .secretName(prefix + "/stripe-api-key")
            .description("The shop's Stripe secret key (sk_...); set by hand from Stripe's console")
            .build();
    googleOAuthClient =
        Secret.Builder.create(in, "GoogleOAuthClient")
            .secretName(prefix + "/google-oauth-client")
            .description(
                "Google sign-in OAuth client, JSON {\"clientId\": ..., \"clientSecret\": ...};"
                    + " set by hand from the Google Cloud console")
            .build();
    // Read by the release's smoke checks only (deploy.yml), never by a service: the smoke
    // accounts, made once by hand (CONTRIBUTING.md, "Release smoke checks").
    smokeChecks =
        Secret.Builder.create(in, "SmokeChecks")
            .secretName(SecretNames.smokeChecks(props.env()))
            .description(
                "The release smoke checks' accounts, JSON {\"shopperEmail\", \"shopperPassword\","
                    + " \"adminEmail\", \"adminPassword\", \"adminTotpSecret\"}; set by hand")
            .build();
    // 32 random bytes in base64 (openssl rand -base64 32), which Secrets Manager's generator
    // cannot produce; replacing it makes every enrolled admin's TOTP secret unreadable.
    mfaEncryptionKey =
        Secret.Builder.create(in, "MfaEncryptionKey")
            .secretName(prefix + "/mfa-encryption-key")
            .description(
                "Encrypts admins' TOTP secrets: 32 random bytes in base64, set by hand once")
            .build();
    // Signs the shop's calls to the email hub's admin API (AdminCallSignature); both read it.
    adminApiSigningKey =
        Secret.Builder.create(in, "AdminApiSigningKey")
            .secretName(prefix + "/admin-api-signing-key")
            .description(
                "Signs the shop's calls to the email hub's admin API; generated, read by both")
            .generateSecretString(
                SecretStringGenerator.builder().passwordLength(64).excludePunctuation(true).build())
            .build();
    justifyNoRotation();
  }

  private void justifyNoRotation() {
    NagSuppressions.addResourceSuppressions(
        paymentWebhook,
        List.of(
            Nag.suppression(
                "AwsSolutions-SMG4",
                "The payment provider issues this signing key; it is rotated in the provider's"
                    + " console and then pasted here, so Secrets Manager cannot rotate it.")),
        true);
    NagSuppressions.addResourceSuppressions(
        smokeChecks,
        List.of(
            Nag.suppression(
                "AwsSolutions-SMG4",
                "The smoke admin's TOTP secret is shown once, at its enrolment: a rotation Lambda"
                    + " cannot re-enrol it. Rotation is by hand, as CONTRIBUTING describes.")),
        true);
    NagSuppressions.addResourceSuppressions(
        List.of(stripeApiKey, googleOAuthClient),
        List.of(
            Nag.suppression(
                "AwsSolutions-SMG4",
                "Stripe and Google issue these credentials; they are rolled in the provider's"
                    + " console and then pasted here, so Secrets Manager cannot rotate them.")),
        true);
    NagSuppressions.addResourceSuppressions(
        adminApiSigningKey,
        List.of(
            Nag.suppression(
                "AwsSolutions-SMG4",
                "Shop and hub read this key at start; rotating it is a new value and a redeploy of"
                    + " both (opsctl's rollout), which a rotation Lambda cannot order.")),
        true);
    NagSuppressions.addResourceSuppressions(
        mfaEncryptionKey,
        List.of(
            Nag.suppression(
                "AwsSolutions-SMG4",
                "Rotating this key means re-encrypting every stored TOTP secret under the new key"
                    + " (the shop reads a key id per secret); that is a release, not a Lambda.")),
        true);
  }

  /** The release smoke checks' accounts (JSON); no service reads it. */
  public ISecret smokeChecks() {
    return smokeChecks;
  }

  public ISecret paymentWebhook() {
    return paymentWebhook;
  }

  /** The shop's Stripe secret key. */
  public ISecret stripeApiKey() {
    return stripeApiKey;
  }

  /** Google sign-in's OAuth client: JSON with {@code clientId} and {@code clientSecret}. */
  public ISecret googleOAuthClient() {
    return googleOAuthClient;
  }

  /** The key that encrypts admins' TOTP secrets (32 bytes, base64). */
  public ISecret mfaEncryptionKey() {
    return mfaEncryptionKey;
  }

  /** The key the shop signs its calls to the email hub's admin API with. */
  public ISecret adminApiSigningKey() {
    return adminApiSigningKey;
  }
}
