package org.quex.panel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.quex.QuexException;

/** Years as users write them ("2000-2013", "2001,2012", "2005") and the years a lake table holds. */
public final class YearList {
    private YearList() {
    }

    public static List<Integer> parse(String text) {
        TreeSet<Integer> years = new TreeSet<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            try {
                if (p.matches("\\d{4}-\\d{4}")) {
                    int from = Integer.parseInt(p.substring(0, 4));
                    int to = Integer.parseInt(p.substring(5));
                    if (to < from) {
                        throw new QuexException("years '" + p + "': the range runs backwards");
                    }
                    for (int y = from; y <= to; y++) {
                        years.add(y);
                    }
                } else {
                    years.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw new QuexException("years '" + text + "': '" + p + "' is not a year or a range such as 2000-2013");
            }
        }
        return new ArrayList<>(years);
    }

    /** The years of the year=Y partitions of a table, ascending; an error if there are none. */
    public static List<Integer> inTable(SparkSession spark, Path table) {
        org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        org.quex.lake.LakeCatalogue catalogue = org.quex.lake.LakeCatalogue.of(hadoop, table);
        TreeSet<Integer> years = new TreeSet<>(catalogue != null ? catalogue.years(catalogue.nameOf(hadoop, table))
                : listed(hadoop, table));
        if (years.isEmpty()) {
            throw new QuexException("no years in " + table + " (run the earlier stages first)");
        }
        return new ArrayList<>(years);
    }

    /** The years of the year=Y directories of a table outside any lake catalogue. */
    private static List<Integer> listed(org.apache.hadoop.conf.Configuration hadoop, Path table) {
        List<Integer> years = new ArrayList<>();
        try {
            FileSystem fs = table.getFileSystem(hadoop);
            if (fs.exists(table)) {
                for (FileStatus s : fs.listStatus(table)) {
                    String name = s.getPath().getName();
                    if (s.isDirectory() && name.matches("year=\\d{4}")) {
                        years.add(Integer.parseInt(name.substring(5)));
                    }
                }
            }
        } catch (IOException e) {
            throw new QuexException("cannot list " + table + ": " + e.getMessage(), e);
        }
        return years;
    }
}
