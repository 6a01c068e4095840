package com.silverjems.routes.email;

/**
 * An outbox row the hub cannot act on: no schema for its type and version, or a payload that breaks
 * its schema. Retrying cannot help, so it goes straight to the dead letters.
 */
final class InvalidOutboxEvent extends RuntimeException {
  InvalidOutboxEvent(String message) {
    super(message);
  }
}
