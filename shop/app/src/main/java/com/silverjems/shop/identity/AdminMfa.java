package com.silverjems.shop.identity;

import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin second factor: TOTP enrolment with a QR code, verification, single-use recovery codes,
 * and reset by another admin. Every change of MFA state goes to the audit log in the same
 * transaction.
 */
@Service
class AdminMfa {

  static final int RECOVERY_CODES = 10;
  static final String BY_ACCOUNT = "mfa-account";
  static final String BY_ADDRESS = "mfa-ip";

  /** What the admin scans or types into an authenticator app; shown once. */
  record Enrolment(String secret, String otpauthUri, String qrCodeDataUri) {}

  record Status(boolean enrolled, Instant enrolledAt, int recoveryCodesLeft) {}

  private record StoredSecret(
      byte[] ciphertext, String keyId, boolean confirmed, Long lastStep, boolean locked) {}

  private final JdbcClient jdbc;
  private final MfaCrypto crypto;
  private final TotpCodes totp;
  private final SecurityAuditLog audit;
  private final RateLimits rateLimits;
  private final IdentityProperties.RateLimits limits;
  private final LoginMetrics metrics;
  private final String issuer;
  private final int lockoutAfter;
  private final TransactionTemplate transaction;

  AdminMfa(
      JdbcClient jdbc,
      MfaCrypto crypto,
      Clock clock,
      SecurityAuditLog audit,
      RateLimits rateLimits,
      IdentityProperties properties,
      LoginMetrics metrics,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.crypto = crypto;
    this.totp = new TotpCodes(clock);
    this.audit = audit;
    this.rateLimits = rateLimits;
    this.limits = properties.rateLimits();
    this.metrics = metrics;
    this.issuer = properties.mfa().issuer();
    this.lockoutAfter = properties.mfa().lockoutAfter();
    this.transaction = new TransactionTemplate(transactions);
  }

  boolean isEnrolled(UUID accountId) {
    return stored(accountId).map(StoredSecret::confirmed).orElse(false);
  }

  /**
   * Starts (or restarts, if never confirmed) enrolment with a new secret.
   *
   * @throws IdentityProblems.MfaEnrolmentConflict when a confirmed factor exists already
   */
  @Transactional
  Enrolment startEnrolment(Account admin, String remoteAddress) {
    if (isEnrolled(admin.id())) {
      throw new IdentityProblems.MfaEnrolmentConflict(
          "A second factor is enrolled already; another admin can reset it.");
    }
    String secret = new DefaultSecretGenerator(32).generate();
    jdbc.sql(
            """
            INSERT INTO admin_totp (account_id, secret_ciphertext, key_id)
            VALUES (:account, :secret, :key)
            ON CONFLICT (account_id) DO UPDATE
              SET secret_ciphertext = excluded.secret_ciphertext, key_id = excluded.key_id,
                  confirmed_at = NULL, last_used_step = NULL, created_at = now()
            """)
        .param("account", admin.id())
        .param("secret", crypto.encrypt(admin.id(), secret))
        .param("key", crypto.keyId())
        .update();
    audit.record(admin.id(), admin.id(), "mfa.enrolment-started", remoteAddress, Map.of());
    QrData data =
        new QrData.Builder()
            .label(admin.email())
            .secret(secret)
            .issuer(issuer)
            .algorithm(HashingAlgorithm.SHA1)
            .digits(6)
            .period(TotpCodes.PERIOD_SECONDS)
            .build();
    try {
      ZxingPngQrGenerator qr = new ZxingPngQrGenerator();
      return new Enrolment(
          secret,
          data.getUri(),
          Utils.getDataUriForImage(qr.generate(data), qr.getImageMimeType()));
    } catch (QrGenerationException e) {
      throw new IllegalStateException("QR code for TOTP enrolment could not be drawn", e);
    }
  }

  /**
   * Confirms enrolment with a first code from the app and issues recovery codes (shown once).
   *
   * @throws IdentityProblems.MfaCodeRejected when the code is wrong
   */
  List<String> confirmEnrolment(Account admin, String code, String remoteAddress) {
    StoredSecret stored =
        stored(admin.id())
            .filter(s -> !s.confirmed())
            .orElseThrow(
                () ->
                    new IdentityProblems.MfaEnrolmentConflict(
                        "No enrolment is waiting for confirmation; start one first."));
    limit(admin.id(), remoteAddress);
    List<String> codes =
        transaction.execute(
            status -> {
              long step = acceptTotp(admin.id(), stored, code);
              jdbc.sql(
                      "UPDATE admin_totp SET confirmed_at = now(), last_used_step = :step"
                          + " WHERE account_id = :account")
                  .param("step", step)
                  .param("account", admin.id())
                  .update();
              List<String> issued = replaceRecoveryCodes(admin.id());
              audit.record(
                  admin.id(), admin.id(), "mfa.enrolled", remoteAddress, Map.of("method", "totp"));
              return issued;
            });
    rateLimits.reset(BY_ACCOUNT, admin.id().toString(), limits.mfaPerAccount());
    return codes;
  }

  /**
   * Checks a TOTP code or a recovery code (each works once) under the MFA rate limits.
   *
   * @throws IdentityProblems.MfaCodeRejected when neither is valid
   * @throws IdentityProblems.TooManyAttempts when a limit ran out
   */
  void verify(UUID accountId, String code, String recoveryCode, String remoteAddress) {
    if (stored(accountId).map(StoredSecret::locked).orElse(false)) {
      throw new IdentityProblems.MfaLocked();
    }
    limit(accountId, remoteAddress);
    try {
      transaction.executeWithoutResult(
          status -> checkSecondFactor(accountId, code, recoveryCode, remoteAddress));
    } catch (IdentityProblems.MfaCodeRejected rejected) {
      countFailure(accountId, remoteAddress);
      throw rejected;
    }
    rateLimits.reset(BY_ACCOUNT, accountId.toString(), limits.mfaPerAccount());
  }

  /**
   * Counts a wrong code (after its transaction rolled back) and locks the factor at the limit, in
   * one statement so that parallel guesses cannot slip past it.
   */
  private void countFailure(UUID accountId, String remoteAddress) {
    transaction.executeWithoutResult(
        status -> {
          Boolean lockedNow =
              jdbc.sql(
                      """
                      UPDATE admin_totp SET failed_attempts = failed_attempts + 1,
                        locked_at = CASE WHEN failed_attempts + 1 >= :limit AND locked_at IS NULL
                                         THEN now() ELSE locked_at END
                      WHERE account_id = :account AND confirmed_at IS NOT NULL
                      RETURNING failed_attempts = :limit
                      """)
                  .param("limit", lockoutAfter)
                  .param("account", accountId)
                  .query(Boolean.class)
                  .optional()
                  .orElse(false);
          if (lockedNow) {
            audit.record(
                null,
                accountId,
                "mfa.locked",
                remoteAddress,
                Map.of("failedAttempts", lockoutAfter));
            metrics.lockedOut();
          }
        });
  }

  private void checkSecondFactor(
      UUID accountId, String code, String recoveryCode, String remoteAddress) {
    if (recoveryCode != null && !recoveryCode.isBlank()) {
      int used =
          jdbc.sql(
                  """
                  UPDATE admin_recovery_code SET used_at = now()
                  WHERE account_id = :account AND code_hash = :hash AND used_at IS NULL
                  """)
              .param("account", accountId)
              .param("hash", crypto.recoveryCodeHash(recoveryCode))
              .update();
      if (used != 1) {
        rejected();
      }
      audit.record(
          null,
          accountId,
          "mfa.recovery-code-used",
          remoteAddress,
          Map.of("recoveryCodesLeft", recoveryCodesLeft(accountId)));
    } else {
      StoredSecret stored =
          stored(accountId).filter(StoredSecret::confirmed).orElseThrow(this::rejection);
      long step = acceptTotp(accountId, stored, code);
      // Conditional on the step, so two replicas accepting the same code race and one loses.
      int updated =
          jdbc.sql(
                  """
                  UPDATE admin_totp SET last_used_step = :step WHERE account_id = :account
                    AND (last_used_step IS NULL OR last_used_step < :step)
                  """)
              .param("step", step)
              .param("account", accountId)
              .update();
      if (updated != 1) {
        rejected();
      }
    }
    jdbc.sql("UPDATE admin_totp SET failed_attempts = 0 WHERE account_id = :account")
        .param("account", accountId)
        .update();
  }

  /** Replaces every recovery code with new ones (shown once). */
  @Transactional
  List<String> regenerateRecoveryCodes(UUID accountId, String remoteAddress) {
    List<String> codes = replaceRecoveryCodes(accountId);
    audit.record(accountId, accountId, "mfa.recovery-codes-regenerated", remoteAddress, Map.of());
    return codes;
  }

  /**
   * Removes an admin's second factor (lost phone): they enrol again at their next sign-in.
   *
   * @throws IdentityProblems.AdminNotFound when no such admin is enrolled
   */
  @Transactional
  void reset(UUID actor, UUID subject, String remoteAddress) {
    int deleted =
        jdbc.sql("DELETE FROM admin_totp WHERE account_id = :account")
            .param("account", subject)
            .update();
    jdbc.sql("DELETE FROM admin_recovery_code WHERE account_id = :account")
        .param("account", subject)
        .update();
    if (deleted == 0) {
      throw new IdentityProblems.AdminNotFound();
    }
    audit.record(actor, subject, "mfa.reset", remoteAddress, Map.of());
  }

  Status status(UUID accountId) {
    Optional<OffsetDateTime> enrolledAt =
        jdbc.sql("SELECT confirmed_at FROM admin_totp WHERE account_id = :account")
            .param("account", accountId)
            .query(OffsetDateTime.class)
            .optional();
    return new Status(
        enrolledAt.isPresent(),
        enrolledAt.map(OffsetDateTime::toInstant).orElse(null),
        recoveryCodesLeft(accountId));
  }

  private long acceptTotp(UUID accountId, StoredSecret stored, String code) {
    String secret = crypto.decrypt(accountId, stored.ciphertext(), stored.keyId());
    OptionalLong step =
        totp.matchingStep(
            secret, code, stored.lastStep() == null ? Long.MIN_VALUE : stored.lastStep());
    if (step.isEmpty()) {
      rejected();
    }
    return step.getAsLong();
  }

  private void limit(UUID accountId, String remoteAddress) {
    Duration wait = rateLimits.take(BY_ADDRESS, remoteAddress, limits.mfaPerAddress());
    if (wait.isZero()) {
      wait = rateLimits.take(BY_ACCOUNT, accountId.toString(), limits.mfaPerAccount());
    }
    if (!wait.isZero()) {
      metrics.count(LoginMetrics.Outcome.RATE_LIMITED);
      throw new IdentityProblems.TooManyAttempts(
          "Too many codes tried. Try again in " + PasswordSignIn.minutes(wait) + ".", wait);
    }
  }

  private void rejected() {
    throw rejection();
  }

  private IdentityProblems.MfaCodeRejected rejection() {
    metrics.count(LoginMetrics.Outcome.MFA_FAILED);
    return new IdentityProblems.MfaCodeRejected();
  }

  private List<String> replaceRecoveryCodes(UUID accountId) {
    jdbc.sql("DELETE FROM admin_recovery_code WHERE account_id = :account")
        .param("account", accountId)
        .update();
    List<String> codes = List.of(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
    for (String code : codes) {
      jdbc.sql("INSERT INTO admin_recovery_code (account_id, code_hash) VALUES (:account, :hash)")
          .param("account", accountId)
          .param("hash", crypto.recoveryCodeHash(code))
          .update();
    }
    return codes;
  }

  private int recoveryCodesLeft(UUID accountId) {
    return jdbc.sql(
            "SELECT count(*) FROM admin_recovery_code WHERE account_id = :account"
                + " AND used_at IS NULL")
        .param("account", accountId)
        .query(Integer.class)
        .single();
  }

  private Optional<StoredSecret> stored(UUID accountId) {
    return jdbc.sql(
            "SELECT secret_ciphertext, key_id, confirmed_at IS NOT NULL AS confirmed,"
                + " last_used_step, locked_at IS NOT NULL AS locked FROM admin_totp"
                + " WHERE account_id = :account")
        .param("account", accountId)
        .query(
            (rs, n) ->
                new StoredSecret(
                    rs.getBytes(1),
                    rs.getString(2),
                    rs.getBoolean(3),
                    rs.getObject(4) == null ? null : rs.getLong(4),
                    rs.getBoolean(5)))
        .optional();
  }
}
