package org.waymark.screening.measures;

import java.util.List;

/** One published table, already disclosure-controlled: its file name, column names and rows of figures. */
public record Table(String name, List<String> columns, List<List<Figure>> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<Figure> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException(name + ": a row has " + r.size() + " cells for " + columns.size() + " columns");
            }
        }
    }

    public int column(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(name + " has no column " + column);
        }
        return i;
    }
}
