package com.silverjems.shop.identity;

import com.silverjems.shop.audit.AuditLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Security events go to the shop's one append-only audit log ({@code admin_audit_log}), next to the
 * catalogue and order changes, in the caller's transaction: an MFA change cannot commit without its
 * entry, and the database refuses to rewrite it. Entity: {@code account} / the subject's id; the
 * remote address and details are the entry's "after".
 */
@Component
class AdminAuditSecurityLog implements SecurityAuditLog {

  static final String ENTITY_TYPE = "account";

  private final AuditLog audit;

  AdminAuditSecurityLog(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void record(
      UUID actor, UUID subject, String action, String remoteAddress, Map<String, ?> details) {
    Map<String, Object> after = new LinkedHashMap<>(details);
    if (remoteAddress != null) {
      after.put("remoteAddress", remoteAddress);
    }
    audit.record(
        // Nobody signed in yet (a recovery code used to sign in): the audit log's "anonymous".
        actor == null ? "anonymous" : actor.toString(),
        action,
        ENTITY_TYPE,
        subject.toString(),
        null,
        after);
  }
}
