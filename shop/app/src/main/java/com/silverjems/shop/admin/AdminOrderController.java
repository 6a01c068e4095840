package com.silverjems.shop.admin;

import com.silverjems.shop.audit.AuditLog;
import com.silverjems.shop.order.OrderNotFound;
import com.silverjems.shop.order.OrderStatus;
import com.silverjems.shop.order.OrderView;
import com.silverjems.shop.order.Orders;
import com.silverjems.shop.order.StatusChange;
import com.silverjems.shop.shopper.CurrentShopper;
import com.silverjems.shop.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin order API: the queue, one order with its history, and state transitions. */
@RestController
@RequestMapping("/api/admin/orders")
class AdminOrderController {

  private final Orders orders;
  private final AuditLog audit;
  private final TransactionTemplate transaction;

  AdminOrderController(Orders orders, AuditLog audit, PlatformTransactionManager transactions) {
    this.orders = orders;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  @GetMapping
  List<OrderView> list(
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return orders.list(status == null ? null : parse(status), page, size);
  }

  record OrderWithHistory(OrderView order, List<StatusChange> history) {}

  @GetMapping("/{number}")
  OrderWithHistory one(@PathVariable String number) {
    OrderView order = orders.findByNumber(number).orElseThrow(() -> new OrderNotFound(number));
    return new OrderWithHistory(order, orders.history(order.id()));
  }

  /** Moves the order along its state machine; illegal moves are a 409 problem. */
  @PostMapping("/{number}/transitions")
  OrderWithHistory transition(
      @PathVariable String number,
      @Valid @RequestBody AdminForms.TransitionForm form,
      HttpServletRequest request) {
    OrderStatus target = parse(form.status());
    String actor = CurrentShopper.actor(request);
    OrderView after =
        transaction.execute(
            status -> {
              Orders.Transition transition =
                  orders.transition(
                      number,
                      target,
                      form.reason(),
                      form.carrier() == null && form.trackingNumber() == null
                          ? null
                          : new OrderView.Shipment(
                              form.carrier(), form.trackingNumber(), form.trackingUrl()),
                      actor);
              if (target == OrderStatus.PAID) {
                // No provider confirmed it: the reason is what the audit log has instead.
                audit.record(
                    actor,
                    "order.manual-payment",
                    "order",
                    number,
                    transition.before(),
                    Map.of("order", transition.after(), "reason", form.reason()));
              } else {
                audit.record(
                    actor,
                    "order." + target.code(),
                    "order",
                    number,
                    transition.before(),
                    transition.after());
              }
              return transition.after();
            });
    return new OrderWithHistory(after, orders.history(after.id()));
  }

  private static OrderStatus parse(String status) {
    try {
      return OrderStatus.fromCode(status);
    } catch (IllegalArgumentException e) {
      throw new ErrorResponseException(
          HttpStatus.BAD_REQUEST,
          Problems.of(
              HttpStatus.BAD_REQUEST,
              "unknown-order-status",
              "Unknown order status",
              "status must be one of placed, paid, packed, shipped, delivered, cancelled,"
                  + " refunded; was "
                  + status),
          e);
    }
  }
}
