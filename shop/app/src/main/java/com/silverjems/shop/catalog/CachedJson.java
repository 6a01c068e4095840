package com.silverjems.shop.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A serialised response and its strong ETag (a hash of the bytes), as the cache stores it: the ETag
 * line, a newline, the JSON.
 */
record CachedJson(String etag, byte[] body) {

  static CachedJson of(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return new CachedJson(
          "\""
              + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
              + "\"",
          body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] toBytes() {
    byte[] tag = etag.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(tag, tag.length + 1 + body.length);
    all[tag.length] = '\n';
    System.arraycopy(body, 0, all, tag.length + 1, body.length);
    return all;
  }

  static CachedJson fromBytes(byte[] stored) {
    int newline = 0;
    while (newline < stored.length && stored[newline] != '\n') {
      newline++;
    }
    if (newline == stored.length) {
      throw new IllegalArgumentException("Not a cached response");
    }
    return new CachedJson(
        new String(stored, 0, newline, StandardCharsets.US_ASCII),
        Arrays.copyOfRange(stored, newline + 1, stored.length));
  }
}
