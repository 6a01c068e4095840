package com.silverjems.routes.images;

/** An upload cannot become product images; the original goes to {@code rejected/}. */
final class ImageRejected extends Exception {

  private final RejectionReason reason;

  ImageRejected(RejectionReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectionReason reason() {
    return reason;
  }

  /** One sentence for the admin. */
  String detail() {
    return getMessage();
  }
}
