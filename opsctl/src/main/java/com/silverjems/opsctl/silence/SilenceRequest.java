package com.silverjems.opsctl.silence;

import java.time.Instant;

/** A silence to apply everywhere the alert is defined. */
record SilenceRequest(
    String id, String alert, Instant startsAt, Instant endsAt, String author, String reason) {

  /** The comment/description written into systems that keep free text. */
  String comment() {
    return "[opsctl " + id + "] " + reason + " (by " + author + ")";
  }
}
