package com.silverjems.shop.order;

import com.silverjems.shop.shopper.CurrentShopper;
import com.silverjems.shop.shopper.Shopper;
import com.silverjems.shop.shopper.SignInRequired;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in shopper's order history. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

  private final Orders orders;
  private final CurrentShopper shoppers;

  OrderController(Orders orders, CurrentShopper shoppers) {
    this.orders = orders;
    this.shoppers = shoppers;
  }

  @GetMapping
  List<OrderView> mine(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
      HttpServletRequest request) {
    return orders.forShopper(shopper(request), page, size);
  }

  @GetMapping("/{number}")
  OrderView one(@PathVariable String number, HttpServletRequest request) {
    return orders
        .findForShopper(number, shopper(request))
        .orElseThrow(() -> new OrderNotFound(number));
  }

  private Shopper shopper(HttpServletRequest request) {
    return shoppers.signedIn(request).orElseThrow(SignInRequired::new);
  }
}
