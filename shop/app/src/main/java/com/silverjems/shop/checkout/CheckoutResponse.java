package com.silverjems.shop.checkout;

import com.silverjems.shop.order.OrderView;
import com.silverjems.shop.payment.PaymentView;

/** The placed order and how to pay for it; the order is paid only when the provider says so. */
record CheckoutResponse(OrderView order, PaymentView payment) {}
