package com.silverjems.shop.stock;

/** A quantity of one variant to hold, take or put back. */
public record StockLine(long variantId, String sku, int quantity) {}
