package com.silverjems.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;

/** cdk-nag's suppression entries: a rule id and the reason it does not apply. */
public final class Nag {

  private Nag() {}

  public static NagPackSuppression suppression(String id, String reason) {
    return NagPackSuppression.builder().id(id).reason(reason).build();
  }
}
