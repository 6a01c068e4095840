package com.silverjems.bench;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's yardstick: a Spring MVC endpoint that does nothing but answer a constant, so the
 * catalogue's throughput can be read as a share of what the framework alone serves on this machine.
 * Registered only by the local run (outside the shop's component scan).
 */
@RestController
public class BareEndpoint {

  private static final Map<String, String> OK = Map.of("status", "ok");

  @GetMapping("/bench/bare")
  Map<String, String> bare() {
    return OK;
  }
}
