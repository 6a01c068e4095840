package com.silverjems.shop.cart;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reservationTtl how long adding an item holds its stock for the cart; every change to the
 *     cart renews the hold
 */
@ConfigurationProperties("silverjems.cart")
record CartProperties(@DefaultValue("15m") Duration reservationTtl) {}
