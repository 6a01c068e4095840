package com.silverjems.routes.delivery;

/**
 * A delivery event about an email of ours (tagged with its outbox event) arrived before the send
 * record committed. Not a rejection: the message stays queued and is applied on redelivery.
 */
final class SendNotYetRecorded extends RuntimeException {
  SendNotYetRecorded(String sesMessageId, String outboxEventId) {
    super(
        "no send recorded yet for SES message "
            + sesMessageId
            + " (outbox event "
            + outboxEventId
            + "); retrying on redelivery");
  }
}
