package com.silverjems.bench.ceiling;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling of the catalogue benchmark: Spring Boot with spring-boot-starter-web alone and one
 * JSON endpoint, the same body as the shop's {@code /bench/bare}. No filter, no security, no
 * metrics: what the shop adds to a request is the difference.
 */
@SpringBootApplication
@RestController
public class CeilingApplication {

  private static final Map<String, String> OK = Map.of("status", "ok");

  public static void main(String[] args) {
    SpringApplication.run(CeilingApplication.class, args);
  }

  @GetMapping("/bench/bare")
  Map<String, String> bare() {
    return OK;
  }
}
