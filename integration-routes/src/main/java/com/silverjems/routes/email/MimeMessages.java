package com.silverjems.routes.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.StreamProvider;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Builds the MIME message handed to SES's SendRawEmail: multipart/alternative with the text part
 * first and the HTML part last (clients show the last part they understand).
 */
final class MimeMessages {

  /** Header carrying the outbox id, so a message found in a mailbox leads back to its event. */
  static final String OUTBOX_ID_HEADER = "X-Silverjems-Outbox-Id";

  private static final Session SESSION = Session.getInstance(new Properties());

  static {
    // Jakarta Mail looks its StreamProvider up through ServiceLoader on every encoded part (a scan
    // of the classpath's jars: a sixth of the relay's CPU). Naming it skips the scan; it is the
    // implementation the ServiceLoader would find anyway.
    if (System.getProperty(StreamProvider.class.getName()) == null) {
      System.setProperty(
          StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final EmailProperties properties;

  MimeMessages(EmailProperties properties) {
    this.properties = properties;
  }

  MimeMessage build(RenderedEmail email, String outboxId) {
    try {
      MimeMessage message = new MimeMessage(SESSION);
      message.setFrom(
          new InternetAddress(
              properties.fromAddress(), properties.senderName(), StandardCharsets.UTF_8.name()));
      message.setRecipient(
          MimeMessage.RecipientType.TO,
          new InternetAddress(
              email.recipientEmail(), email.recipientName(), StandardCharsets.UTF_8.name()));
      if (properties.replyTo() != null) {
        message.setReplyTo(InternetAddress.parse(properties.replyTo()));
      }
      message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
      message.setHeader(OUTBOX_ID_HEADER, outboxId);

      MimeBodyPart text = new MimeBodyPart();
      text.setText(email.text(), StandardCharsets.UTF_8.name(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(email.html(), StandardCharsets.UTF_8.name(), "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.saveChanges();
      return message;
    } catch (MessagingException | UnsupportedEncodingException e) {
      // Only a malformed address gets here, and the schema already checked the recipient's format.
      throw new InvalidOutboxEvent("cannot build the email: " + e.getMessage());
    }
  }
}
