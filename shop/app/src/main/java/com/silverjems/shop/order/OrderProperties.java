package com.silverjems.shop.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param unpaidTtl how long a placed order may wait for its payment before it is cancelled and its
 *     stock returned (a shopper who walks away must not keep a one-of-a-kind piece from others)
 * @param expiryInterval how often unpaid orders are looked for
 */
@ConfigurationProperties("silverjems.orders")
public record OrderProperties(
    @DefaultValue("30m") Duration unpaidTtl, @DefaultValue("1m") Duration expiryInterval) {}
