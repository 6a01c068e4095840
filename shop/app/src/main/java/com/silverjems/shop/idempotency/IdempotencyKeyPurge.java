package com.silverjems.shop.idempotency;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Keys are kept for a day, like payment providers keep theirs; the table stays small. */
@Component
class IdempotencyKeyPurge {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);
  private static final Duration RETENTION = Duration.ofHours(24);

  private final IdempotencyKeys keys;

  IdempotencyKeyPurge(IdempotencyKeys keys) {
    this.keys = keys;
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  void purge() {
    int purged = keys.purgeOlderThan(RETENTION);
    if (purged > 0) {
      log.info("Purged {} idempotency keys older than {}", purged, RETENTION);
    }
  }
}
