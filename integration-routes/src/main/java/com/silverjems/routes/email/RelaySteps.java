package com.silverjems.routes.email;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.ses.Ses2Constants;

/** The relay's steps, one method per step of {@link OutboxRelayRoutes}. */
final class RelaySteps {

  static final String EVENT = "SilverjemsOutboxEvent";

  private final ObjectMapper json;
  private final EventSchemas schemas;
  private final EmailTemplates templates;
  private final MimeMessages mime;
  private final Suppressions suppressions;
  private final EmailRecords records;
  private final SendRateLimiter limiter;
  private final EmailProperties properties;

  RelaySteps(
      ObjectMapper json,
      EventSchemas schemas,
      EmailTemplates templates,
      MimeMessages mime,
      Suppressions suppressions,
      EmailRecords records,
      SendRateLimiter limiter,
      EmailProperties properties) {
    this.json = json;
    this.schemas = schemas;
    this.templates = templates;
    this.mime = mime;
    this.suppressions = suppressions;
    this.records = records;
    this.limiter = limiter;
    this.properties = properties;
  }

  /** Turns a claimed row into an {@link OutboxEvent} and checks it against its schema. */
  void prepare(Exchange exchange) {
    Message in = exchange.getIn();
    @SuppressWarnings("unchecked")
    Map<String, Object> row = in.getBody(Map.class);
    UUID id = UUID.fromString(row.get("id").toString());
    String type = (String) row.get("event_type");
    int attempts = ((Number) row.get("attempts")).intValue();
    in.setHeader(EmailHeaders.OUTBOX_ID, id.toString());
    in.setHeader(EmailHeaders.EVENT_TYPE, type);
    in.setHeader(EmailHeaders.ATTEMPTS, attempts);
    JsonNode payload;
    try {
      payload = json.readTree(row.get("payload").toString());
    } catch (JsonProcessingException e) {
      throw new InvalidOutboxEvent("payload is not JSON: " + e.getOriginalMessage());
    }
    OutboxEvent event =
        new OutboxEvent(
            id,
            type,
            ((Number) row.get("event_version")).intValue(),
            payload,
            attempts,
            ((Number) row.get("generation")).intValue());
    exchange.setProperty(EVENT, event);
    in.setHeader(EmailHeaders.GENERATION, event.generation());
    in.setHeader(EmailHeaders.IDEMPOTENCY_KEY, event.idempotencyKey());
    in.setHeader(EmailHeaders.RECIPIENT, event.recipientEmail());
    if (attempts > properties.relay().maxAttempts()) {
      throw new ClaimsExhausted(attempts - 1);
    }
    schemas.validate(type, event.eventVersion(), payload);
    boolean sends = templates.sendsEmail(type);
    if (!sends && !EmailTemplates.ACKNOWLEDGED_WITHOUT_EMAIL.contains(type)) {
      throw new InvalidOutboxEvent("the hub does not know what to do with " + type + " events");
    }
    in.setHeader(EmailHeaders.SENDS_EMAIL, sends);
  }

  /** Renders the email and sets what camel-aws2-ses reads: a MIME body sends SendRawEmail. */
  void render(Exchange exchange) {
    OutboxEvent event = exchange.getProperty(EVENT, OutboxEvent.class);
    RenderedEmail email = templates.render(event);
    Message in = exchange.getIn();
    in.setBody(mime.build(email, event.id().toString()));
    in.setHeader(Ses2Constants.FROM, properties.fromAddress());
    in.setHeader(Ses2Constants.TO, email.recipientEmail());
    // Tags come back in every SES event about this email: the way from a bounce to the outbox row.
    in.setHeader(
        Ses2Constants.TAGS,
        Map.of("outbox_event_id", event.id().toString(), "event_type", event.eventType()));
    if (properties.sesConfigurationSet().isPresent()) {
      in.setHeader(Ses2Constants.CONFIGURATION_SET, properties.sesConfigurationSet().get());
    }
  }

  /**
   * Waits for the rate limiter, inside the send transaction (its connection waits too: at most
   * {@code parallelism} of them, for at most {@code parallelism / rate} seconds).
   */
  void acquirePermit(Exchange exchange) throws InterruptedException {
    limiter.acquire();
  }

  boolean isSuppressed(Exchange exchange) {
    return suppressions.isSuppressed(
        exchange.getIn().getHeader(EmailHeaders.RECIPIENT, String.class));
  }

  void recordSent(Exchange exchange) {
    OutboxEvent event = exchange.getProperty(EVENT, OutboxEvent.class);
    records.recordSent(
        event.id(),
        event.generation(),
        event.eventType(),
        event.recipientEmail(),
        exchange.getIn().getHeader(Ses2Constants.MESSAGE_ID, String.class));
    exchange.getIn().setHeader(EmailHeaders.OUTCOME, EmailOutcome.SENT.label());
  }

  void recordSuppressed(Exchange exchange) {
    OutboxEvent event = exchange.getProperty(EVENT, OutboxEvent.class);
    records.recordSuppressed(
        event.id(), event.generation(), event.eventType(), event.recipientEmail());
    exchange.getIn().setHeader(EmailHeaders.OUTCOME, EmailOutcome.SUPPRESSED.label());
  }

  /** SES took an email: the limiter may speed back up. */
  void afterSend(Exchange exchange) {
    if (EmailOutcome.SENT.label().equals(exchange.getIn().getHeader(EmailHeaders.OUTCOME))) {
      limiter.onSent();
    }
  }
}
