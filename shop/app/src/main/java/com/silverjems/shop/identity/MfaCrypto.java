package com.silverjems.shop.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keeps second factors useless to whoever reads the database: TOTP secrets are encrypted with
 * AES-256-GCM (the account id as associated data, so a ciphertext moved to another account's row
 * does not decrypt), and recovery codes are stored as HMAC-SHA256 under a key derived from the same
 * secret. The key comes from configuration (Secrets Manager in production), never from the
 * database.
 */
@Component
class MfaCrypto {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec recoveryCodeKey;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  MfaCrypto(IdentityProperties properties) {
    byte[] key = decodeKey(properties.mfa().encryptionKey());
    this.encryptionKey = new SecretKeySpec(key, "AES");
    this.recoveryCodeKey =
        new SecretKeySpec(hmac(key, "silverjems recovery codes v1"), "HmacSHA256");
    this.keyId = properties.mfa().keyId();
  }

  private static byte[] decodeKey(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw new IllegalStateException(
          "silverjems.identity.mfa.encryption-key must be 32 random bytes in base64"
              + " (generate one with `openssl rand -base64 32`)");
    }
    return key;
  }

  String keyId() {
    return keyId;
  }

  byte[] encrypt(UUID accountId, String secret) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(accountId));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
      return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * @throws IllegalStateException when the ciphertext was made with another key or for another
   *     account, or was altered
   */
  String decrypt(UUID accountId, byte[] ciphertext, String storedKeyId) {
    if (!keyId.equals(storedKeyId)) {
      throw new IllegalStateException(
          "TOTP secret of account "
              + accountId
              + " is under key '"
              + storedKeyId
              + "', not '"
              + keyId
              + "'");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          encryptionKey,
          new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(accountId));
      byte[] clear = cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
      return new String(clear, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "TOTP secret of account " + accountId + " does not decrypt: altered or misplaced", e);
    }
  }

  /** The stored form of a recovery code: case, spaces and dashes do not matter to a human. */
  byte[] recoveryCodeHash(String code) {
    String normalized = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(recoveryCodeKey);
      return mac.doFinal(normalized.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }

  private static byte[] associatedData(UUID accountId) {
    return accountId.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
    }
  }
}
