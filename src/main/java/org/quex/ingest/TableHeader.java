package org.quex.ingest;

import java.util.List;

/**
 * One table of a file that holds several (a sheet of a workbook, a table of a database) as
 * inspection finds it: its header, or why it holds no table ({@code skipped}, header empty).
 */
public record TableHeader(String table, List<String> header, String skipped) {
    public static TableHeader of(String table, List<String> header) {
        return new TableHeader(table, List.copyOf(header), null);
    }

    public static TableHeader skipped(String table, String why) {
        return new TableHeader(table, List.of(), why);
    }
}
