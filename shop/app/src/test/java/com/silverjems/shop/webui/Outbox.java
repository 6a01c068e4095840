package com.silverjems.shop.webui;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shopper's inbox, as far as these tests go: emails start life as outbox events, so the link a
 * verification email would carry is read from the event the shop wrote.
 */
final class Outbox {

  private final JdbcClient jdbc;

  Outbox(RunningShop shop) {
    this.jdbc = JdbcClient.create(shop.database().dataSource());
  }

  /** The path and query of the newest link of {@code eventType} sent to {@code email}. */
  String linkSentTo(String email, String eventType) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      Optional<String> link =
          jdbc.sql(
                  """
                  SELECT payload ->> 'link' FROM outbox_event
                  WHERE event_type = :type AND payload -> 'recipient' ->> 'email' = :email
                  ORDER BY created_at DESC LIMIT 1
                  """)
              .param("type", eventType)
              .param("email", email)
              .query(String.class)
              .optional();
      if (link.isPresent()) {
        URI uri = URI.create(link.get());
        return uri.getRawPath() + "?" + uri.getRawQuery();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no " + eventType + " email for " + email + " in the outbox");
  }
}
