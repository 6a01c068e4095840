package com.silverjems.shop.shopper;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * Who is asking: the signed-in shopper, if any, and the name the audit log records. Reads only
 * {@link HttpServletRequest#getUserPrincipal()}, so it works the same with or without Spring
 * Security in front.
 */
public interface CurrentShopper {

  /** The name recorded as "who" (audit log, order history): the principal's, or "anonymous". */
  static String actor(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    return principal == null || principal.getName() == null ? "anonymous" : principal.getName();
  }

  /** The signed-in shopper, or empty for an anonymous request. */
  Optional<Shopper> signedIn(HttpServletRequest request);
}
