package com.silverjems.shop.identity;

import java.util.Map;
import java.util.UUID;

/**
 * Where security-relevant changes (second factor enrolled, reset, recovery code used, ...) are
 * recorded, with who did it to whom and from where.
 */
interface SecurityAuditLog {

  /**
   * @param actor who acted; null when nobody is signed in yet (e.g. a recovery code used to sign in
   *     is the subject's own act)
   * @param subject the account the change is about
   * @param action what happened, e.g. {@code mfa.enrolled}
   */
  void record(
      UUID actor, UUID subject, String action, String remoteAddress, Map<String, ?> details);
}
