package com.silverjems.shop.order;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Shipping an order needs the carrier and the tracking number the shopper will be emailed. */
public class ShipmentDetailsRequired extends ErrorResponseException {
  ShipmentDetailsRequired(String number) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        Problems.of(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "shipment-details-required",
            "Shipment details required",
            "Order " + number + " needs a carrier and a tracking number to be shipped."),
        null);
  }
}
