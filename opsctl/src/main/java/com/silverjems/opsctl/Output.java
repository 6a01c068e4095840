package com.silverjems.opsctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;

/**
 * Where a command writes: data (tables, JSON) to stdout so it can be piped; progress, prompts,
 * warnings and errors to stderr so they never corrupt that data.
 */
public final class Output {

  private final PrintWriter out;
  private final PrintWriter err;
  private final OutputFormat format;
  private final boolean color;
  private final int verbosity;

  Output(PrintWriter out, PrintWriter err, OutputFormat format, boolean color, int verbosity) {
    this.out = out;
    this.err = err;
    this.format = format;
    this.color = color;
    this.verbosity = verbosity;
  }

  /** Whether the engineer asked for JSON. */
  public boolean json() {
    return format == OutputFormat.json;
  }

  /** A line of data on stdout. */
  public void line(String text) {
    out.println(text);
    out.flush();
  }

  /** A table on stdout. */
  public void table(Table table) {
    out.print(table.render(color));
    out.flush();
  }

  /** The value as JSON on stdout. */
  public void json(Object value) {
    try {
      out.println(Json.mapper().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON output", e);
    }
  }

  /** A progress or status line on stderr. */
  public void progress(String text) {
    err.println(text);
    err.flush();
  }

  /** A prompt on stderr, without a line break. */
  public void prompt(String text) {
    err.print(text);
    err.flush();
  }

  /** A warning on stderr. */
  public void warn(String text) {
    err.println(styled("warning: ", Style.YELLOW) + text);
    err.flush();
  }

  /** A line on stderr only with -v. */
  public void detail(String text) {
    if (verbosity > 0) {
      err.println(styled(text, Style.DIM));
      err.flush();
    }
  }

  /** The text in the style, when colour is on. */
  public String styled(String text, Style style) {
    return color ? style.apply(text) : text;
  }

  /** A styled table cell. */
  public static Table.Cell cell(String text, Style style) {
    return new Table.Cell(text, style);
  }
}
