package com.silverjems.shop.shopper;

import java.security.Principal;
import java.util.UUID;

/**
 * What the shop needs to know about an authenticated user. Identity's principal implements it (or
 * identity replaces {@link CurrentShopper} altogether); the shop never looks at credentials.
 */
public interface ShopperPrincipal extends Principal {

  UUID accountId();

  String email();
}
