package com.silverjems.shop.order;

/** Where an order goes; {@code country} is ISO 3166-1 alpha-2. */
public record ShippingAddress(
    String name, String line1, String line2, String city, String postcode, String country) {}
