package org.quex.synth;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.quex.QuexException;

/**
 * Writes canonical rows in one raw scheme: the scheme's column order, and each value as that
 * scheme writes it (amounts in 元 or 千元, registration type as a code or a label, direction as
 * 1/0 or 进口/出口, HS codes with or without their leading zero, country as a customs code or a
 * Chinese name, the month as a number, yyyyMM or a date), plus the extra columns real files carry,
 * filled with plausible values (derived from the row, or drawn from a stream keyed by firm and
 * year, so they depend on nothing else). Each column is compiled once into a {@link Cell}.
 * Fields are never quoted: generated values contain no delimiter, and a planted unbalanced quote
 * must reach the file as it is.
 */
public final class RawRowFormatter {
    /** What a cell sees: the row's canonical fields and where it comes from. */
    static final class RowContext {
        String[] fields;
        int year;
        int month;
        long firm;
        boolean defective;
        private long seed;
        private SplittableRandom random;

        /** The row's own stream for extra values, made on first use. */
        SplittableRandom random() {
            if (random == null) {
                random = Seeds.stream(seed, firm, year, Seeds.EXTRAS);
            }
            return random;
        }

        void reset(String[] fields, int year, int month, long firm, boolean defective) {
            this.fields = fields;
            this.year = year;
            this.month = month;
            this.firm = firm;
            this.defective = defective;
            this.random = null;
        }
    }

    /** One column of the scheme, compiled. */
    interface Cell {
        String value(RowContext row);
    }

    private static final String CHINA = FirmSimulator.CHINA;
    /** Customs measurement-unit codes (the units the generator writes). */
    private static final Map<String, String> UNIT_CODES = Map.of("台", "001", "套", "006", "个", "007", "件", "011",
            "双", "025", "条", "014", "米", "030", "千克", "035");
    /** Trade-mode codes: the last two digits of the customs codes 0110, 0214, 0615. */
    private static final Map<String, String> TRADE_MODE_CODES = Map.of("一般贸易", "10", "来料加工装配贸易", "14",
            "进料加工贸易", "15");

    private final RawLayouts.RawFile file;
    private final List<RawLayouts.RawColumn> columns;
    private final Cell[] cells;
    private final RowContext context = new RowContext();

    public RawRowFormatter(RawLayouts layouts, RawLayouts.RawFile file, ReferenceData ref, long seed) {
        this.file = file;
        this.columns = layouts.columns(file.scheme());
        this.context.seed = seed;
        this.cells = new Cell[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = compile(columns.get(i), file.source(), ref);
        }
    }

    public RawLayouts.RawFile file() {
        return file;
    }

    public int width() {
        return cells.length;
    }

    public List<RawLayouts.RawColumn> columns() {
        return columns;
    }

    /** The raw values of an ASIF row (fewer for a short row). */
    public String[] asif(FirmHistory.AsifRow row) {
        return values(row.fields(), row.year(), 0, row.firm(), row.defect() != null, row.keepFields());
    }

    /** The raw values of a Customs row (fewer for a short row). */
    public String[] customs(FirmHistory.CustomsRow row) {
        return values(row.fields(), row.year(), row.month(), 0, row.defect() != null, row.keepFields());
    }

    public String[] honour(FirmHistory.HonourRow row) {
        String[] f = new String[HonourField.values().length];
        f[HonourField.FIRM_NAME.ordinal()] = row.firmName();
        f[HonourField.YEAR_OBTAINED.ordinal()] = Integer.toString(row.yearObtained());
        f[HonourField.HONOUR.ordinal()] = row.honour();
        f[HonourField.PROVINCE.ordinal()] = row.province();
        f[HonourField.EXPIRY_YEAR.ordinal()] = row.expiryYear() == null ? "" : row.expiryYear().toString();
        return values(f, row.yearObtained(), 0, 0, false, f.length);
    }

    /** {@code keep} below the number of canonical fields cuts the row short (a planted short row). */
    private String[] values(String[] fields, int year, int month, long firm, boolean defective, int keep) {
        context.reset(fields, year, month, firm, defective);
        String[] out = new String[keep >= fields.length ? cells.length : Math.min(keep, cells.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = cells[i].value(context);
        }
        return out;
    }

    /** A delimited line of values (CSV/TSV files). */
    public String line(String[] values) {
        StringBuilder b = new StringBuilder(values.length * 8);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(file.delimiter());
            }
            b.append(values[i]);
        }
        return b.toString();
    }

    /** Canonical Honours fields (honours_scheme.csv). */
    enum HonourField { FIRM_NAME, YEAR_OBTAINED, HONOUR, PROVINCE, EXPIRY_YEAR }

    // ---------------------------------------------------------------- compiling a column

    private Cell compile(RawLayouts.RawColumn c, String source, ReferenceData ref) {
        String where = file.scheme() + " " + c.rawName();
        long factor = switch (c.unit()) {
            case "", "千元" -> 1;
            case "元" -> 1000;
            default -> throw new QuexException(RawLayouts.DIR + where + ": unknown money unit " + c.unit());
        };
        if (c.extra()) {
            return ExtraValues.compile(c.value(), factor, source, where, this::ordinal);
        }
        int at = ordinal(c.canonical(), where);
        String form = c.value();
        return switch (source) {
            case "asif" -> asifCell(at, c.canonical(), form, factor, ref, where);
            case "customs" -> customsCell(at, c.canonical(), form, ref, where);
            case "honours" -> row -> row.fields[at];
            default -> throw new QuexException(where + ": unknown source " + source);
        };
    }

    /** Ordinal of a canonical field in the rows of this file's source. */
    int ordinal(String canonical, String where) {
        try {
            return switch (file.source()) {
                case "asif" -> AsifField.ofCanonical(canonical).ordinal();
                case "customs" -> CustomsField.ofCanonical(canonical).ordinal();
                default -> HonourField.valueOf(canonical.toUpperCase()).ordinal();
            };
        } catch (IllegalArgumentException e) {
            throw new QuexException(RawLayouts.DIR + where + ": no " + file.source() + " field " + canonical);
        }
    }

    private static Cell asifCell(int at, String canonical, String form, long factor, ReferenceData ref, String where) {
        if (factor != 1) {
            return row -> ExtraValues.times(row.fields[at], factor);
        }
        return switch (canonical + ":" + form) {
            case "employees:year_end" -> RawRowFormatter::yearEndEmployees;
            case "registration_type:label_nbs" -> row -> ref.registrationNbsText(row.fields[at]);
            case "registration_type:label_cied" -> row -> ref.registrationCiedText(row.fields[at]);
            default -> {
                if (!form.isEmpty() && !form.equals("average") && !form.equals("code")) {
                    throw new QuexException(RawLayouts.DIR + where + ": unknown value form '" + form + "'");
                }
                yield row -> row.fields[at];
            }
        };
    }

    /**
     * The year-end employment count beside the annual average: close to it on clean rows, equal to
     * it on rows with a planted defect, so that whichever measure a reader prefers, a defect stays
     * the one defect the truth counts.
     */
    static String yearEndEmployees(RowContext row) {
        String average = row.fields[AsifField.EMPLOYEES.ordinal()];
        double u = row.random().nextDouble();
        if (row.defective || average.isEmpty()) {
            return average;
        }
        long a = Long.parseLong(average);
        return Long.toString(Math.max(Math.min(a, 8), Math.round(a * (0.92 + 0.16 * u))));
    }

    private Cell customsCell(int at, String canonical, String form, ReferenceData ref, String where) {
        if (form.isEmpty()) {
            return row -> row.fields[at];
        }
        return switch (canonical) {
            case "direction" -> {
                String exportCode = directionCode("export", form, where);
                String importCode = directionCode("import", form, where);
                yield row -> switch (row.fields[at]) {
                    case "export" -> exportCode;
                    case "import" -> importCode;
                    default -> row.fields[at];
                };
            }
            case "hs_code" -> switch (form) {
                case "hs8" -> row -> row.fields[at];
                // numeric storage drops the leading zero of chapters 01–09
                case "hs8_number" -> row -> stripLeadingZeros(row.fields[at]);
                default -> throw unknown(form, where);
            };
            case "country" -> {
                Map<String, String> names = new HashMap<>();
                for (ReferenceData.Country country : ref.countries()) {
                    names.put(country.code(), country.nameZh());
                }
                yield switch (form) {
                    case "customs_code" -> row -> row.fields[at];
                    case "name_zh" -> row -> countryName(names, row.fields[at]);
                    // the customs country list spells China 中华人民共和国
                    case "name_zh_prc" -> row -> row.fields[at].equals(CHINA) ? "中华人民共和国"
                            : countryName(names, row.fields[at]);
                    default -> throw unknown(form, where);
                };
            }
            case "month" -> switch (form) {
                case "M" -> row -> Integer.toString(row.month);
                case "yyyyMM" -> row -> Integer.toString(row.year * 100 + row.month);
                case "yyyyMMdd" -> row -> Integer.toString((row.year * 100 + row.month) * 100 + day(row));
                case "date" -> row -> String.format("%d-%02d-%02d", row.year, row.month, day(row));
                default -> throw unknown(form, where);
            };
            default -> throw unknown(form, where);
        };
    }

    /** A day of the month for a dated transaction, from the row itself. */
    static int day(RowContext row) {
        String[] f = row.fields;
        int h = f[CustomsField.FIRM_CODE.ordinal()].hashCode() * 31 + f[CustomsField.VALUE_USD.ordinal()].hashCode();
        return 1 + Math.floorMod(h, 28);
    }

    private static String countryName(Map<String, String> names, String code) {
        String name = names.get(code);
        if (name == null) {
            throw new QuexException("no Chinese name for customs country code " + code);
        }
        return name;
    }

    static String stripLeadingZeros(String code) {
        if (code.isEmpty() || !code.chars().allMatch(Character::isDigit)) {
            return code;
        }
        return Long.toString(Long.parseLong(code));
    }

    /** Format "0=export;1=import": the raw code for a canonical direction. */
    static String directionCode(String canonical, String format, String where) {
        for (String pair : format.split(";")) {
            String[] kv = pair.split("=");
            if (kv.length == 2 && kv[1].equals(canonical)) {
                return kv[0];
            }
        }
        throw new QuexException(RawLayouts.DIR + where + ": direction form '" + format + "' has no code for " + canonical);
    }

    private static QuexException unknown(String form, String where) {
        return new QuexException(RawLayouts.DIR + where + ": unknown value form '" + form + "'");
    }

    /** The extra-column kinds, compiled from their descriptions in the scheme tables. */
    static final class ExtraValues {
        private ExtraValues() {
        }

        interface Ordinals {
            int of(String canonical, String where);
        }

        static Cell compile(String kind, long factor, String source, String where, Ordinals ordinals) {
            String[] p = kind.split(":", -1);
            return switch (p[0]) {
                case "blank" -> row -> "";
                case "text" -> {
                    String text = kind.substring("text:".length());
                    yield row -> text;
                }
                case "pick" -> {
                    String[] options = kind.substring("pick:".length()).split("\\|", -1);
                    yield row -> options[row.random().nextInt(options.length)];
                }
                case "int" -> {
                    int lo = Integer.parseInt(p[1]);
                    int hi = Integer.parseInt(p[2]);
                    yield row -> Integer.toString(lo + row.random().nextInt(hi - lo + 1));
                }
                case "decimal" -> {
                    double lo = Double.parseDouble(p[1]);
                    double hi = Double.parseDouble(p[2]);
                    int places = Integer.parseInt(p[3]);
                    yield row -> decimal(lo + (hi - lo) * row.random().nextDouble(), places);
                }
                case "digits" -> {
                    int n = Integer.parseInt(p[1]);
                    yield row -> {
                        StringBuilder b = new StringBuilder(n);
                        b.append((char) ('1' + row.random().nextInt(9)));
                        while (b.length() < n) {
                            b.append((char) ('0' + row.random().nextInt(10)));
                        }
                        return b.toString();
                    };
                }
                case "share" -> {
                    int at = ordinals.of(p[1], where);
                    double lo = Double.parseDouble(p[2]);
                    double hi = Double.parseDouble(p[3]);
                    yield row -> {
                        double u = row.random().nextDouble();
                        Long v = number(row.fields[at]);
                        return v == null ? "" : Long.toString(Math.round(v * (lo + (hi - lo) * u)) * factor);
                    };
                }
                case "diff" -> {
                    int a = ordinals.of(p[1], where);
                    int b = ordinals.of(p[2], where);
                    yield row -> {
                        Long x = number(row.fields[a]);
                        Long y = number(row.fields[b]);
                        return x == null || y == null ? "" : Long.toString((x - y) * factor);
                    };
                }
                case "copy" -> {
                    int at = ordinals.of(p[1], where);
                    yield row -> factor == 1 ? row.fields[at] : times(row.fields[at], factor);
                }
                case "loss" -> {
                    int at = ordinals.of(p[1], where);
                    yield row -> {
                        Long v = number(row.fields[at]);
                        return v == null ? "" : Long.toString(Math.max(0, -v) * factor);
                    };
                }
                case "age" -> {
                    int founded = ordinals.of("founding_year", where);
                    yield row -> {
                        Long f = number(row.fields[founded]);
                        return f == null ? "" : Long.toString(row.year - f);
                    };
                }
                case "export_dummy" -> {
                    int at = ordinals.of("export_value", where);
                    yield row -> {
                        Long v = number(row.fields[at]);
                        return v == null ? "" : v > 0 ? "1" : "0";
                    };
                }
                case "ind2" -> {
                    int at = ordinals.of("industry_code", where);
                    yield row -> row.fields[at].length() >= 2 ? row.fields[at].substring(0, 2) : "";
                }
                case "group" -> row -> Long.toString(FirmIds.vendorGroup(row.firm, row.seed));
                // a vendor's row number: rises through the file with gaps (firms left out of this delivery)
                case "row_id" -> row -> Long.toString(row.firm * 16 + (row.year - GenerateSettings.FIRST_SUPPORTED_YEAR) + 1);
                case "province_code", "province", "city", "area_code", "region4", "lon", "lat" ->
                        placeCell(p[0], ordinals.of("region_code", where));
                case "unit_price" -> {
                    int value = ordinals.of("value_usd", where);
                    int quantity = ordinals.of("quantity", where);
                    yield row -> {
                        Long v = number(row.fields[value]);
                        Long q = number(row.fields[quantity]);
                        return v == null || q == null || q == 0 ? "" : decimal((double) v / q, 2);
                    };
                }
                case "unit_code" -> {
                    int at = ordinals.of("unit", where);
                    yield row -> UNIT_CODES.getOrDefault(row.fields[at], "");
                }
                case "trade_mode_code" -> {
                    int at = ordinals.of("trade_mode", where);
                    yield row -> TRADE_MODE_CODES.getOrDefault(row.fields[at], "");
                }
                case "hs_text" -> {
                    int at = ordinals.of("hs_code", where);
                    yield row -> row.fields[at].length() >= 4 ? "品目" + row.fields[at].substring(0, 4) + "项下商品" : "";
                }
                // place of production or consumption: the city of the declarant's address
                case "place" -> {
                    int at = ordinals.of("address", where);
                    yield row -> {
                        String a = row.fields[at];
                        int city = a.indexOf('市');
                        return city > 0 ? a.substring(0, city + 1) : a;
                    };
                }
                default -> throw new QuexException(RawLayouts.DIR + where + ": unknown extra column kind '" + kind
                        + "' (" + source + ")");
            };
        }

        private static Cell placeCell(String what, int regionAt) {
            return row -> {
                Places.City c = Places.byRegionCode(row.fields[regionAt]);
                if (c == null) {
                    return "";
                }
                return switch (what) {
                    case "province_code" -> c.regionCode().substring(0, 2);
                    case "province" -> c.province();
                    case "city" -> c.name() + "市";
                    case "area_code" -> c.areaCode();
                    case "region4" -> c.regionCode().substring(0, 4);
                    case "lon" -> decimal(c.lon() + 0.3 * (row.random().nextDouble() - 0.5), 6);
                    default -> decimal(c.lat() + 0.3 * (row.random().nextDouble() - 0.5), 6);
                };
            };
        }

        /** An integer field, or null when empty or damaged (a planted defect). */
        static Long number(String s) {
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** A thousand-RMB amount in a smaller unit; an empty or damaged value stays as it is. */
        static String times(String value, long factor) {
            Long v = number(value);
            return v == null ? value : Long.toString(v * factor);
        }

        static String decimal(double v, int places) {
            return BigDecimal.valueOf(Math.round(v * Math.pow(10, places)), places).toPlainString();
        }
    }

    /** The columns' raw names in file order (the header). */
    public List<String> header() {
        List<String> h = new ArrayList<>(columns.size());
        columns.forEach(c -> h.add(c.rawName()));
        return h;
    }
}
