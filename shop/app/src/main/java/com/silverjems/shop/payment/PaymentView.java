package com.silverjems.shop.payment;

/**
 * What the browser needs to complete payment with the provider (Stripe.js confirms the intent with
 * its client secret). Seeing this never means paid: only the provider's webhook does.
 */
public record PaymentView(String provider, String intentId, String clientSecret, String status) {}
