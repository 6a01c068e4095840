package com.silverjems.shop.order;

import com.silverjems.shop.outbox.OutboxWriter;
import com.silverjems.shop.shopper.Shopper;
import com.silverjems.shop.stock.StockLedger;
import com.silverjems.shop.stock.StockLine;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Orders and their state machine. Every status change is one transaction that locks the order,
 * checks the move against {@link OrderStatus#next()}, appends to the history and, where the
 * integration hub must act, writes the outbox event. The SQL is {@link OrderRepository}'s; events
 * are built from the order as it was written, never read back after writing.
 */
@Component
public class Orders {

  private final OrderRepository repository;
  private final OutboxWriter outbox;
  private final StockLedger stock;
  private final Clock clock;

  Orders(OrderRepository repository, OutboxWriter outbox, StockLedger stock) {
    this.repository = repository;
    this.outbox = outbox;
    this.stock = stock;
    this.clock = Clock.systemUTC();
  }

  /**
   * Places an order in the caller's transaction (the one that took the stock) and writes its
   * order-placed event in the same transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public OrderView place(NewOrder order, String actor) {
    UUID id = UUID.randomUUID();
    // The database keeps microseconds: the view answered is then the view stored.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String number = repository.nextNumber(now);
    repository.insert(id, number, order, now);
    repository.recordChange(id, null, OrderStatus.PLACED, actor, null);
    OrderView placed =
        new OrderView(
            id,
            number,
            OrderStatus.PLACED,
            order.email(),
            order.name(),
            order.shippingAddress(),
            order.lines().stream()
                .map(
                    line ->
                        new OrderView.Line(
                            line.sku(),
                            line.productName(),
                            line.size(),
                            line.quantity(),
                            line.unitPriceMinor(),
                            line.variantId()))
                .toList(),
            order.totalMinor(),
            order.currency(),
            now,
            null);
    outbox.append(
        OrderEvents.AGGREGATE,
        id.toString(),
        "order-placed",
        OrderEvents.VERSION,
        OrderEvents.placed(placed, now));
    return placed;
  }

  /**
   * The payment provider confirmed payment: placed -> paid, and the order-paid event that makes the
   * hub send the confirmation email.
   *
   * @return false when the order was no longer awaiting payment (nothing changed)
   */
  @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = ErrorResponseException.class)
  public boolean markPaid(UUID orderId, String paymentReference, String actor) {
    OrderView before = repository.lock(orderId).orElseThrow(() -> new OrderNotFound("" + orderId));
    if (before.status() != OrderStatus.PLACED) {
      return false;
    }
    pay(before, paymentReference, actor);
    return true;
  }

  /**
   * Moves an order along its state machine on an admin's (or a job's) behalf.
   *
   * @throws IllegalOrderTransition when {@code target} is not reachable from where the order is
   * @throws RefundThroughProvider when {@code target} is refunded (see Refunds)
   * @throws ShipmentDetailsRequired when shipping without carrier and tracking number
   * @throws ManualPaymentReasonRequired when marking paid by hand without saying how it was paid
   */
  @Transactional
  public Transition transition(
      String number, OrderStatus target, String reason, OrderView.Shipment shipment, String actor) {
    UUID id = repository.idOf(number).orElseThrow(() -> new OrderNotFound(number));
    OrderView before = repository.lock(id).orElseThrow(() -> new OrderNotFound(number));
    OrderStatus current = before.status();
    if (target == OrderStatus.REFUNDED) {
      // No money would move: only the provider's confirmed refund makes an order refunded.
      throw new RefundThroughProvider(number, current);
    }
    if (!current.canMoveTo(target)) {
      throw new IllegalOrderTransition(number, current, target);
    }
    if (target == OrderStatus.PAID) {
      // A manual payment: the same order-paid event (and customer email) as the provider's,
      // with the admin's reason as the payment reference.
      if (blank(reason)) {
        throw new ManualPaymentReasonRequired(number);
      }
      return new Transition(before, pay(before, "manual: " + reason.strip(), actor));
    }
    OrderView.Shipment shipped = before.shipment();
    if (target == OrderStatus.SHIPPED) {
      if (shipment == null || blank(shipment.carrier()) || blank(shipment.trackingNumber())) {
        throw new ShipmentDetailsRequired(number);
      }
      repository.setShipment(id, shipment);
      shipped = shipment;
    }
    repository.setStatus(id, target);
    if (current.restocksWhenLeftFor(target)) {
      stock.putBack(
          before.lines().stream()
              .map(line -> new StockLine(line.variantId(), line.sku(), line.quantity()))
              .toList());
    }
    repository.recordChange(id, current, target, actor, reason);
    OrderView after = moved(before, target, shipped);
    if (target == OrderStatus.SHIPPED) {
      outbox.append(
          OrderEvents.AGGREGATE,
          id.toString(),
          "order-shipped",
          OrderEvents.VERSION,
          OrderEvents.shipped(after, clock.instant()));
    }
    if (target == OrderStatus.CANCELLED) {
      outbox.append(
          OrderEvents.AGGREGATE,
          id.toString(),
          "order-cancelled",
          OrderEvents.VERSION,
          OrderEvents.cancelled(
              after, reason, UnpaidOrderExpiry.ACTOR.equals(actor), clock.instant()));
    }
    return new Transition(before, after);
  }

  /**
   * Moves a paid order to refunded once the provider confirmed its money went back, without
   * restocking: the refund puts back exactly the lines it refunded (see Refunds), which partial
   * refunds before it may already have put back. In the caller's transaction.
   *
   * @return false when the order is not (or no longer) refundable
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean markRefunded(UUID orderId, String actor, String reason) {
    OrderStatus current = repository.lockStatus(orderId).orElseThrow();
    if (!current.canMoveTo(OrderStatus.REFUNDED)) {
      return false;
    }
    repository.setStatus(orderId, OrderStatus.REFUNDED);
    repository.recordChange(orderId, current, OrderStatus.REFUNDED, actor, reason);
    return true;
  }

  /**
   * Writes order-refunded (the customer's refund email) in the caller's transaction, once the
   * provider confirmed the refund.
   *
   * @param quantities refunded quantity by SKU
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void refunded(
      UUID orderId,
      Map<String, Integer> quantities,
      long amountMinor,
      String currency,
      UUID refundId,
      boolean full) {
    OrderView order = repository.find(orderId).orElseThrow();
    outbox.append(
        OrderEvents.AGGREGATE,
        orderId.toString(),
        "order-refunded",
        OrderEvents.VERSION,
        OrderEvents.refunded(
            order, quantities, amountMinor, currency, refundId.toString(), full, clock.instant()));
  }

  /** An order before and after a transition (for the audit log). */
  public record Transition(OrderView before, OrderView after) {}

  public Optional<OrderView> find(UUID id) {
    return repository.find(id);
  }

  public Optional<OrderView> findByNumber(String number) {
    return repository.findByNumber(number);
  }

  /** The order only if it belongs to this shopper (by account, or by their verified email). */
  public Optional<OrderView> findForShopper(String number, Shopper shopper) {
    return repository.findForShopper(number, shopper.accountId(), shopper.email());
  }

  /** A shopper's orders, newest first: by account, and guest orders placed with their email. */
  public List<OrderView> forShopper(Shopper shopper, int page, int size) {
    return repository.forShopper(shopper.accountId(), shopper.email(), page, size);
  }

  /** The admin's queue: orders in a status (or all), oldest first so nothing waits forever. */
  public List<OrderView> list(OrderStatus status, int page, int size) {
    return repository.list(status, page, size);
  }

  public List<StatusChange> history(UUID orderId) {
    return repository.history(orderId);
  }

  /** placed -> paid for a locked order, with its order-paid event; returns the paid order. */
  private OrderView pay(OrderView before, String paymentReference, String actor) {
    repository.setStatus(before.id(), OrderStatus.PAID);
    repository.recordChange(
        before.id(), before.status(), OrderStatus.PAID, actor, "payment " + paymentReference);
    OrderView paid = moved(before, OrderStatus.PAID, before.shipment());
    outbox.append(
        OrderEvents.AGGREGATE,
        before.id().toString(),
        "order-paid",
        OrderEvents.VERSION,
        OrderEvents.paid(paid, paymentReference, clock.instant()));
    return paid;
  }

  /** The order as written by a move to {@code status}, with {@code shipment}. */
  private static OrderView moved(OrderView order, OrderStatus status, OrderView.Shipment shipment) {
    return new OrderView(
        order.id(),
        order.number(),
        status,
        order.email(),
        order.name(),
        order.shippingAddress(),
        order.lines(),
        order.totalMinor(),
        order.currency(),
        order.placedAt(),
        shipment);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
