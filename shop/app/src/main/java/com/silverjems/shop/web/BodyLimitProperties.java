package com.silverjems.shop.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How many bytes a request body under {@code /api} may have ({@code silverjems.web.body-limits.*}).
 * Multipart uploads (admin photos) are bounded by {@code spring.servlet.multipart.*} instead.
 *
 * @param json any JSON body: the largest the storefront or the admin sends is a product text of a
 *     few KiB
 * @param webhook the payment provider's events, larger than ours but still small (Stripe's are tens
 *     of KiB at most)
 */
@ConfigurationProperties("silverjems.web.body-limits")
record BodyLimitProperties(
    @DefaultValue("64KB") DataSize json, @DefaultValue("256KB") DataSize webhook) {}
