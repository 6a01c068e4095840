package com.silverjems.routes.email;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;

/**
 * Renders each emailing event type from {@code email/templates/<type>.{subject,html,txt}.mustache}
 * inside the shop's layout. HTML templates escape every value; the text ones do not need to.
 */
final class EmailTemplates {

  /** Event types that become an email, each with its three templates. */
  static final Set<String> EMAILING =
      Set.of(
          "order-paid",
          "order-shipped",
          "order-cancelled",
          "order-refunded",
          "password-reset-requested",
          "email-verification-requested",
          "admin-invited");

  /** Event types the hub acknowledges without sending anything (no email before payment). */
  static final Set<String> ACKNOWLEDGED_WITHOUT_EMAIL = Set.of("order-placed");

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.UK);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final ObjectMapper json;
  private final Map<String, Object> brand;
  private final Map<String, Template> subjects = new HashMap<>();
  private final Map<String, Template> htmlBodies = new HashMap<>();
  private final Map<String, Template> textBodies = new HashMap<>();
  private final Template htmlLayout;
  private final Template textLayout;

  EmailTemplates(ObjectMapper json, EmailProperties.Brand brand) {
    this.json = json;
    this.brand =
        Map.of(
            "shopName", brand.shopName(),
            "shopUrl", brand.shopUrl(),
            "supportEmail", brand.supportEmail(),
            "accentColour", brand.accentColour());
    // An empty name (the shop sends none to an unconfirmed address) reads "Hello," not "Dear ,".
    Mustache.Compiler html =
        Mustache.compiler().defaultValue("").nullValue("").emptyStringIsFalse(true);
    Mustache.Compiler text = html.withEscaper(Escapers.NONE);
    for (String type : EMAILING) {
      subjects.put(type, text.compile(load(type + ".subject")));
      htmlBodies.put(type, html.compile(load(type + ".html")));
      textBodies.put(type, text.compile(load(type + ".txt")));
    }
    htmlLayout = html.compile(load("layout.html"));
    textLayout = text.compile(load("layout.txt"));
  }

  boolean sendsEmail(String eventType) {
    return EMAILING.contains(eventType);
  }

  RenderedEmail render(OutboxEvent event) {
    if (!sendsEmail(event.eventType())) {
      throw new IllegalArgumentException(event.eventType() + " has no email template");
    }
    Map<String, Object> model = model(event.payload());
    String subject = subjects.get(event.eventType()).execute(model).strip();
    Map<String, Object> page = new HashMap<>(model);
    page.put("subject", subject);
    page.put("content", htmlBodies.get(event.eventType()).execute(model));
    String htmlPage = htmlLayout.execute(page);
    page.put("content", textBodies.get(event.eventType()).execute(model));
    String textPage = textLayout.execute(page);
    JsonNode recipient = event.payload().path("recipient");
    return new RenderedEmail(
        recipient.path("email").asText(),
        recipient.path("name").asText(),
        subject,
        htmlPage,
        textPage);
  }

  private Map<String, Object> model(JsonNode payload) {
    Map<String, Object> model = new HashMap<>(json.convertValue(payload, MAP));
    model.put("brand", brand);
    String currency = payload.path("currency").asText(null);
    if (currency != null) {
      model.put("total", money(payload.path("totalMinor").asLong(), currency));
      List<Map<String, Object>> lines =
          json.convertValue(payload.path("lines"), new TypeReference<>() {});
      for (Map<String, Object> line : lines) {
        long unit = ((Number) line.get("unitPriceMinor")).longValue();
        long quantity = ((Number) line.get("quantity")).longValue();
        line.put("unitPrice", money(unit, currency));
        line.put("lineTotal", money(unit * quantity, currency));
      }
      model.put("lines", lines);
    }
    if (payload.hasNonNull("expiresAt")) {
      model.put("expiresAtText", when(payload.path("expiresAt").asText()));
    }
    return model;
  }

  static String money(long minorUnits, String currencyCode) {
    Currency currency = Currency.getInstance(currencyCode);
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
    format.setCurrency(currency);
    format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
    format.setMaximumFractionDigits(currency.getDefaultFractionDigits());
    return format.format(
        BigDecimal.valueOf(minorUnits).movePointLeft(currency.getDefaultFractionDigits()));
  }

  private static String when(String isoInstant) {
    return OffsetDateTime.parse(isoInstant).atZoneSameInstant(ZoneOffset.UTC).format(WHEN);
  }

  private static String load(String name) {
    ClassPathResource resource = new ClassPathResource("email/templates/" + name + ".mustache");
    try {
      return resource.getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Missing email template " + resource.getPath(), e);
    }
  }
}
