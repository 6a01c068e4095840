package com.silverjems.shop.identity;

import com.silverjems.shop.shopper.CurrentShopper;
import com.silverjems.shop.shopper.Shopper;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Commerce's view of the session: a session holding {@link Authorities#SHOPPER} is a signed-in
 * shopper. The email is given only once verified, because commerce shows a shopper every guest
 * order placed with it: an unverified address would let anyone claim someone else's orders.
 */
@Component
class SessionShopper implements CurrentShopper {

  private final Accounts accounts;

  SessionShopper(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<Shopper> signedIn(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (!SignedIn.isAuthenticated(authentication)
        || !SignedIn.authorities().contains(Authorities.SHOPPER)) {
      return Optional.empty();
    }
    UUID id;
    try {
      id = UUID.fromString(authentication.getName());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // A session outliving its account (deleted meanwhile) is nobody's.
    return accounts
        .byId(id)
        .map(
            account -> new Shopper(account.id(), account.emailVerified() ? account.email() : null));
  }
}
