package com.silverjems.routes.email;

/** An email ready to send: one recipient, a subject, and the same content as HTML and as text. */
record RenderedEmail(
    String recipientEmail, String recipientName, String subject, String html, String text) {}
