package io.meridian.fedctl.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns aligned as kubectl aligns them: upper-case headers, three spaces between columns, no
 * trailing blanks. Cells may carry a {@link Style}; widths count the text only, so colour never
 * breaks the alignment.
 */
public final class Table {

    private static final int GAP = 3;

    /** A cell: its text and what it means. */
    public record Cell(String text, Style style) {
        public Cell {
            text = text == null ? "" : text;
        }

        public static Cell of(Object value) {
            return value instanceof Cell c ? c : new Cell(value == null ? "" : value.toString(), Style.PLAIN);
        }
    }

    private final List<String> headers;
    private final List<List<Cell>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; values are {@link Cell}s or anything with a {@code toString()}; null is empty. */
    public Table row(Object... values) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException(
                    "a row of " + values.length + " cells in a table of " + headers.size() + " columns");
        }
        List<Cell> cells = new ArrayList<>();
        for (Object v : values) {
            cells.add(Cell.of(v));
        }
        rows.add(cells);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as lines, headers first. */
    public List<String> lines(Terminal terminal) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            widths[i] = headers.get(i).length();
        }
        for (List<Cell> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).text().length());
            }
        }
        List<String> lines = new ArrayList<>();
        List<Cell> head = headers.stream().map(h -> new Cell(h, Style.HEADER)).toList();
        lines.add(line(head, widths, terminal));
        for (List<Cell> row : rows) {
            lines.add(line(row, widths, terminal));
        }
        return lines;
    }

    public void print(PrintWriter out, Terminal terminal) {
        lines(terminal).forEach(out::println);
        out.flush();
    }

    private static String line(List<Cell> cells, int[] widths, Terminal terminal) {
        StringBuilder sb = new StringBuilder();
        int pending = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            if (i > 0) {
                pending += GAP;
            }
            if (!c.text().isEmpty()) {
                sb.append(" ".repeat(pending));
                pending = 0;
                sb.append(terminal.paint(c.text(), c.style()));
            }
            pending += widths[i] - c.text().length();
        }
        return sb.toString();
    }
}
