package com.silverjems.shop.shopper;

import java.util.UUID;

/**
 * A signed-in shopper: the account id (owned by identity) and the verified email address their
 * guest orders were placed with.
 */
public record Shopper(UUID accountId, String email) {}
