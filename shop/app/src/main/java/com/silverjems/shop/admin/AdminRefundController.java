package com.silverjems.shop.admin;

import com.silverjems.shop.order.OrderNotFound;
import com.silverjems.shop.order.OrderView;
import com.silverjems.shop.order.Orders;
import com.silverjems.shop.payment.Refunds;
import com.silverjems.shop.shopper.CurrentShopper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refunds of an order through the payment provider: in full (no lines) or per line. The browser
 * sends one {@code Idempotency-Key} per click of the refund button, so a double click is one
 * refund. Every request is in the admin audit log (see {@link Refunds}).
 */
@RestController
@RequestMapping("/api/admin/orders/{number}/refunds")
class AdminRefundController {

  private final Orders orders;
  private final Refunds refunds;

  AdminRefundController(Orders orders, Refunds refunds) {
    this.orders = orders;
    this.refunds = refunds;
  }

  record LineForm(@NotBlank String sku, @Positive int quantity) {}

  record RefundForm(@Valid @Size(max = 100) List<LineForm> lines, @Size(max = 500) String reason) {}

  @GetMapping
  List<Refunds.RefundView> list(@PathVariable String number) {
    OrderView order = orders.findByNumber(number).orElseThrow(() -> new OrderNotFound(number));
    return refunds.forOrder(order.id());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  Refunds.RefundView refund(
      @PathVariable String number,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @Valid @RequestBody RefundForm form,
      HttpServletRequest request) {
    List<Refunds.LineRequest> lines =
        form.lines() == null
            ? List.of()
            : form.lines().stream()
                .map(line -> new Refunds.LineRequest(line.sku(), line.quantity()))
                .toList();
    return refunds.request(
        number, lines, form.reason(), idempotencyKey, CurrentShopper.actor(request));
  }
}
