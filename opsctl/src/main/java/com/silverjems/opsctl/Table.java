package com.silverjems.opsctl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An aligned text table in the style of kubectl and ecspresso: upper-case headers, columns padded
 * to the widest cell, two spaces between columns, no borders (so grep and awk work on it).
 */
public final class Table {

  /** A cell with a style, e.g. a red FAILED. */
  public record Cell(String text, Style style) {
    public Cell {
      text = text == null ? "-" : text;
    }
  }

  private final List<String> headers;
  private final List<List<Cell>> rows = new ArrayList<>();

  /** A table with these column headers. */
  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** Adds a row; each value is a {@link Cell} or anything printable ({@code null} shows as -). */
  public Table row(Object... values) {
    if (values.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + values.length + " cells, table has " + headers.size() + " columns");
    }
    rows.add(
        Arrays.stream(values)
            .map(
                v ->
                    v instanceof Cell cell
                        ? cell
                        : new Cell(v == null ? null : v.toString(), Style.NONE))
            .toList());
    return this;
  }

  /** Whether no row was added. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  String render(boolean color) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<Cell> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).text().length());
      }
    }
    StringBuilder text = new StringBuilder();
    List<Cell> headerCells = headers.stream().map(h -> new Cell(h, Style.BOLD)).toList();
    line(text, headerCells, widths, color);
    for (List<Cell> row : rows) {
      line(text, row, widths, color);
    }
    return text.toString();
  }

  private static void line(StringBuilder text, List<Cell> cells, int[] widths, boolean color) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      boolean last = i == cells.size() - 1;
      String padded = last ? cell.text() : pad(cell.text(), widths[i]) + "  ";
      if (color && cell.style() != Style.NONE) {
        // Style only the text, not the padding, so underlines and backgrounds stay tidy.
        line.append(cell.style().apply(cell.text())).append(padded.substring(cell.text().length()));
      } else {
        line.append(padded);
      }
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
