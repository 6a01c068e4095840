package com.silverjems.shop.order;

import java.time.Instant;

/** One row of an order's history: who moved it from where to where, and why. */
public record StatusChange(
    OrderStatus from, OrderStatus to, String actor, String reason, Instant at) {}
