package com.silverjems.routes.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The SNS envelope SQS carries (raw message delivery off), with the fields SNS signs. */
record SnsMessage(
    String type,
    String messageId,
    String topicArn,
    String subject,
    String message,
    String timestamp,
    String signatureVersion,
    String signature,
    String signingCertUrl,
    String token,
    String subscribeUrl) {

  static SnsMessage parse(ObjectMapper json, String body) {
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (Exception e) {
      throw new MalformedNotification("SQS body is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new MalformedNotification("SQS body is not an SNS envelope");
    }
    SnsMessage message =
        new SnsMessage(
            text(node, "Type"),
            text(node, "MessageId"),
            text(node, "TopicArn"),
            text(node, "Subject"),
            text(node, "Message"),
            text(node, "Timestamp"),
            text(node, "SignatureVersion"),
            text(node, "Signature"),
            text(node, "SigningCertURL"),
            text(node, "Token"),
            text(node, "SubscribeURL"));
    for (String[] required :
        new String[][] {
          {"Type", message.type},
          {"MessageId", message.messageId},
          {"TopicArn", message.topicArn},
          {"Message", message.message},
          {"Timestamp", message.timestamp},
          {"SignatureVersion", message.signatureVersion},
          {"Signature", message.signature},
          {"SigningCertURL", message.signingCertUrl}
        }) {
      if (required[1] == null) {
        throw new MalformedNotification("SNS envelope has no " + required[0]);
      }
    }
    return message;
  }

  boolean isNotification() {
    return "Notification".equals(type);
  }

  /** The text SNS signed, per its documentation: name, newline, value, newline, in this order. */
  String stringToSign() {
    StringBuilder text = new StringBuilder();
    append(text, "Message", message);
    append(text, "MessageId", messageId);
    if (isNotification()) {
      if (subject != null) {
        append(text, "Subject", subject);
      }
      append(text, "Timestamp", timestamp);
      append(text, "TopicArn", topicArn);
      append(text, "Type", type);
    } else {
      append(text, "SubscribeURL", subscribeUrl);
      append(text, "Timestamp", timestamp);
      append(text, "Token", token);
      append(text, "TopicArn", topicArn);
      append(text, "Type", type);
    }
    return text.toString();
  }

  private static void append(StringBuilder text, String name, String value) {
    text.append(name).append('\n').append(value == null ? "" : value).append('\n');
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
