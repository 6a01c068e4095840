package com.silverjems.routes.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.emulators.SesEvents;
import org.junit.jupiter.api.Test;

class SesEventTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void readsAHardBounce() {
    SesEvent event = SesEvent.parse(json, SesEvents.bounce("m-1", "a@example.com", "Permanent"));
    assertThat(event.kind()).isEqualTo(SesEvent.Kind.BOUNCE);
    assertThat(event.permanent()).isTrue();
    assertThat(event.sesMessageId()).isEqualTo("m-1");
    assertThat(event.recipients()).containsExactly("a@example.com");
    assertThat(event.detail()).startsWith("Permanent/General").contains("550 5.1.1");
  }

  @Test
  void readsTheRelaysOutboxTag() {
    java.util.UUID outbox = java.util.UUID.randomUUID();
    assertThat(
            SesEvent.parse(
                    json,
                    SesEvents.taggedWithOutboxEvent(
                        SesEvents.delivery("m", "a@example.com"), outbox))
                .outboxEventId())
        .isEqualTo(outbox.toString());
    assertThat(SesEvent.parse(json, SesEvents.delivery("m", "a@example.com")).outboxEventId())
        .isNull();
  }

  @Test
  void aSoftBounceIsNotPermanent() {
    assertThat(
            SesEvent.parse(json, SesEvents.bounce("m", "a@example.com", "Transient")).permanent())
        .isFalse();
  }

  @Test
  void readsComplaintDeliveryAndDelay() {
    assertThat(SesEvent.parse(json, SesEvents.complaint("m", "a@example.com")).kind())
        .isEqualTo(SesEvent.Kind.COMPLAINT);
    assertThat(SesEvent.parse(json, SesEvents.delivery("m", "a@example.com")).kind())
        .isEqualTo(SesEvent.Kind.DELIVERY);
    assertThat(SesEvent.parse(json, SesEvents.deliveryDelay("m", "a@example.com")).kind())
        .isEqualTo(SesEvent.Kind.DELAY);
  }

  @Test
  void readsIdentityNotificationsToo() {
    String notification =
        "{\"notificationType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[{\"emailAddress\":\"a@example.com\"}]},\"mail\":{\"messageId\":\"m\"}}";
    assertThat(SesEvent.parse(json, notification).kind()).isEqualTo(SesEvent.Kind.COMPLAINT);
  }

  @Test
  void aBounceWithoutRecipientsIsMalformed() {
    assertThatThrownBy(
            () ->
                SesEvent.parse(
                    json,
                    "{\"eventType\":\"Bounce\",\"bounce\":{},\"mail\":{\"messageId\":\"m\"}}"))
        .isInstanceOf(MalformedNotification.class);
    assertThatThrownBy(() -> SesEvent.parse(json, "{\"eventType\":\"Bounce\"}"))
        .isInstanceOf(MalformedNotification.class);
  }
}
