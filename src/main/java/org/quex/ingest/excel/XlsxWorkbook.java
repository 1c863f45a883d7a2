package org.quex.ingest.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.quex.QuexException;

/**
 * An .xlsx workbook read without holding a sheet in memory: POI's {@link XSSFReader} gives the
 * sheet parts, the shared strings and the styles, and each sheet's XML is pulled row by row with
 * StAX. (POI's XSSFSheetXMLHandler pushes rows from a SAX parse and formats numbers for display;
 * {@link org.quex.ingest.RawRecords} is pulled, so the sheet XML is read here, cell types as in
 * ECMA-376 Part 1, 18.3.1.4 and 18.18.11.)
 */
final class XlsxWorkbook implements ExcelWorkbook {
    private final String name;
    private final OPCPackage pkg;
    private final SharedStrings strings;
    private final StylesTable styles;
    private final boolean date1904;
    private final Map<String, PackagePart> sheets = new LinkedHashMap<>();
    private final Map<Integer, CellText.Format> formats = new HashMap<>();
    private final XMLInputFactory xml = XMLHelper.newXMLInputFactory();

    XlsxWorkbook(Path file, String name) throws Exception {
        this.name = name;
        pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            XSSFReader reader = new XSSFReader(pkg);
            strings = new ReadOnlySharedStringsTable(pkg, false);
            styles = reader.getStylesTable();
            try (InputStream workbook = reader.getWorkbookData()) {
                date1904 = date1904(workbook);
            }
            XSSFReader.SheetIterator it = reader.getSheetIterator();
            while (it.hasNext()) {
                it.next().close(); // the part is opened again when the sheet is read
                sheets.put(it.getSheetName(), it.getSheetPart());
            }
        } catch (Exception e) {
            pkg.revert();
            throw e;
        }
    }

    @Override
    public List<String> sheetNames() {
        return List.copyOf(sheets.keySet());
    }

    @Override
    public SheetRows rows(String sheet) {
        PackagePart part = sheets.get(sheet);
        if (part == null) {
            throw new QuexException(name + ": the workbook has no sheet '" + sheet + "' (it has " + sheets.keySet() + ")");
        }
        try {
            return new Rows(part.getInputStream(), sheet);
        } catch (IOException | XMLStreamException e) {
            throw new QuexException(name + ", sheet " + sheet + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        pkg.revert(); // closes a package opened read-only without writing
    }

    /** The workbook's date system: serial 0 is 1904-01-01 instead of 1900-01-00 (workbookPr@date1904). */
    private boolean date1904(InputStream workbook) throws XMLStreamException {
        XMLStreamReader r = xml.createXMLStreamReader(workbook);
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("workbookPr")) {
                    String v = r.getAttributeValue(null, "date1904");
                    return "1".equals(v) || "true".equalsIgnoreCase(v);
                }
                if (r.getEventType() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("sheets")) {
                    return false; // workbookPr comes before sheets
                }
            }
            return false;
        } finally {
            r.close();
        }
    }

    private CellText.Format format(String style) {
        if (style == null || styles == null) {
            return CellText.Format.GENERAL;
        }
        int index = Integer.parseInt(style);
        return formats.computeIfAbsent(index, i -> {
            XSSFCellStyle s = i < styles.getNumCellStyles() ? styles.getStyleAt(i) : null;
            return s == null ? CellText.Format.GENERAL : CellText.Format.of(s.getDataFormat(), s.getDataFormatString());
        });
    }

    /** The rows of one sheet part, pulled one &lt;row&gt; at a time. */
    private final class Rows implements SheetRows {
        private final InputStream in;
        private final XMLStreamReader r;
        private final String sheet;
        private SheetRow next;
        private long lastRow;
        private boolean done;

        Rows(InputStream in, String sheet) throws XMLStreamException {
            this.in = in;
            this.sheet = sheet;
            this.r = xml.createXMLStreamReader(in);
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                try {
                    next = readRow();
                } catch (XMLStreamException | RuntimeException e) {
                    if (e instanceof QuexException q) {
                        throw q;
                    }
                    throw new QuexException(name + ", sheet " + sheet + ", after row " + lastRow + ": cannot be read ("
                            + e.getMessage() + ")", e);
                }
                done = next == null;
            }
            return next != null;
        }

        @Override
        public SheetRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SheetRow row = next;
            next = null;
            return row;
        }

        private SheetRow readRow() throws XMLStreamException {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("row")) {
                    String ref = r.getAttributeValue(null, "r"); // optional: rows then follow each other
                    lastRow = ref == null ? lastRow + 1 : Long.parseLong(ref);
                    return new SheetRow(lastRow, cells());
                }
            }
            return null;
        }

        /** The cells of the current &lt;row&gt;, up to its end tag. */
        private List<String> cells() throws XMLStreamException {
            List<String> cells = new ArrayList<>();
            int column = -1;
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("row")) {
                    return cells;
                }
                if (event == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("c")) {
                    String ref = r.getAttributeValue(null, "r"); // optional: cells then follow each other
                    column = ref == null ? column + 1 : columnOf(ref);
                    String value = cell(r.getAttributeValue(null, "t"), r.getAttributeValue(null, "s"), ref);
                    while (cells.size() <= column) {
                        cells.add("");
                    }
                    cells.set(column, value);
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    skip();
                }
            }
        }

        /** The text of the current &lt;c&gt;, up to its end tag: &lt;v&gt; by the cell type, or its inline string. */
        private String cell(String type, String style, String ref) throws XMLStreamException {
            String v = null;
            StringBuilder inline = null;
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("c")) {
                    break;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "v" -> v = r.getElementText();
                        case "is" -> inline = inlineString();
                        default -> skip(); // <f>: the formula; its cached result is <v>
                    }
                }
            }
            try {
                return switch (type == null ? "n" : type) {
                    case "s" -> v == null || v.isBlank() ? "" : strings.getItemAt(Integer.parseInt(v.strip())).getString();
                    case "inlineStr" -> inline != null ? inline.toString() : v == null ? "" : v;
                    case "str", "e" -> v == null ? "" : v; // formula text result; error such as #N/A
                    case "b" -> v == null ? "" : v.equals("1") || v.equalsIgnoreCase("true") ? "1" : "0";
                    case "d" -> v == null ? "" : v.length() > 10 && v.charAt(10) == 'T' ? v.substring(0, 10) : v;
                    default -> v == null || v.isBlank() ? "" : CellText.numeric(Double.parseDouble(v), format(style), date1904);
                };
            } catch (RuntimeException e) {
                throw new QuexException(name + ", sheet " + sheet + ", cell " + (ref == null ? "in row " + lastRow : ref)
                        + ": stored value '" + v + "' of type " + type + " cannot be read (" + e.getMessage() + ")", e);
            }
        }

        /** The text of an &lt;is&gt; element: its &lt;t&gt; and rich-text runs, without phonetic runs. */
        private StringBuilder inlineString() throws XMLStreamException {
            StringBuilder text = new StringBuilder();
            while (true) {
                int event = r.next();
                if (event == XMLStreamConstants.END_ELEMENT && r.getLocalName().equals("is")) {
                    return text;
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "t" -> text.append(r.getElementText());
                        case "rPh", "rPr", "phoneticPr" -> skip();
                        default -> { } // <r>: its <t> follows
                    }
                }
            }
        }

        /** Skips the element just started, with everything inside it. */
        private void skip() throws XMLStreamException {
            for (int depth = 1; depth > 0; ) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        /** 0-based column of a cell reference such as "AB12". */
        private int columnOf(String ref) {
            int column = 0;
            int i = 0;
            while (i < ref.length() && Character.isLetter(ref.charAt(i))) {
                column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
                i++;
            }
            if (i == 0 || column > 16384) {
                throw new QuexException(name + ", sheet " + sheet + ": cell reference '" + ref + "' is not a column and row");
            }
            return column - 1;
        }

        @Override
        public void close() {
            try {
                r.close();
                in.close();
            } catch (XMLStreamException | IOException e) {
                // the sheet has been read or abandoned: nothing left to lose
            }
        }
    }
}
