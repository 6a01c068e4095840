package com.silverjems.observability.grafana;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression (or a Grafana query built on one) selects. Not a full
 * parser: it removes everything that may look like a name but is not one (strings, label matchers,
 * ranges, grouping clauses, numbers, Grafana variables, comments), then keeps identifiers that are
 * neither keywords nor called as functions.
 */
final class PromQl {

  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,");

  private PromQl() {}

  static Set<String> metricNames(String expr) {
    String s = expr;
    s = s.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    s = s.replaceAll("'(\\\\.|[^'\\\\])*'", "''");
    s = s.replaceAll("`[^`]*`", "``");
    // PromQL comments (outside strings, which are gone by now) run to the end of the line.
    s = s.replaceAll("#[^\\n]*", " ");
    s = s.replaceAll("\\{[^}]*}", "{}");
    s = s.replaceAll("\\[[^]]*]", "[]");
    s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    s = s.replaceAll("\\boffset\\s+-?[0-9a-zA-Z]+", " ");
    s = s.replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", " ");
    s = s.replaceAll("\\b[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\b", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String name = m.group();
      int next = m.end();
      while (next < s.length() && Character.isWhitespace(s.charAt(next))) {
        next++;
      }
      boolean called = next < s.length() && s.charAt(next) == '(';
      if (!called && !KEYWORDS.contains(name.toLowerCase())) {
        names.add(name);
      }
    }
    return names;
  }

  /** Metric names of a Grafana template variable query: {@code label_values(metric, label)}. */
  static Set<String> variableMetricNames(String query) {
    Set<String> names = new TreeSet<>();
    Matcher m = LABEL_VALUES.matcher(query);
    while (m.find()) {
      names.add(m.group(1));
    }
    if (names.isEmpty() && !query.startsWith("label_values(") && !query.isBlank()) {
      names.addAll(metricNames(query.replaceFirst("^query_result\\((.*)\\)$", "$1")));
    }
    return names;
  }
}
