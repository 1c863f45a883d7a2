package org.quex.synth;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quex.QuexException;

/**
 * Writes canonical rows in one raw layout: the layout's column order, its delimiter, and the value
 * formats its table declares (direction codes, HS codes with or without leading zeros, country
 * names or codes, the date form of the month). Fields are never quoted: generated values contain
 * no delimiter, and a planted unbalanced quote must reach the file as it is.
 */
public final class RawRowFormatter implements Serializable {
    private final RawLayouts.RawFile file;
    private final List<RawLayouts.RawColumn> columns;
    private final Map<String, String> countryNames;

    public RawRowFormatter(RawLayouts layouts, RawLayouts.RawFile file, ReferenceData ref) {
        this.file = file;
        this.columns = layouts.columns(file.layout());
        this.countryNames = new HashMap<>();
        for (ReferenceData.Country c : ref.countries()) {
            countryNames.put(c.code(), c.nameZh());
        }
    }

    public RawLayouts.RawFile file() {
        return file;
    }

    public String asif(FirmHistory.AsifRow row) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(row.keepFields(), columns.size());
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(file.delimiter());
            }
            b.append(row.fields()[AsifField.ofCanonical(columns.get(i).canonical()).ordinal()]);
        }
        return b.toString();
    }

    public String customs(FirmHistory.CustomsRow row) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(row.keepFields(), columns.size());
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(file.delimiter());
            }
            RawLayouts.RawColumn c = columns.get(i);
            CustomsField f = CustomsField.ofCanonical(c.canonical());
            b.append(customsValue(f, row.fields()[f.ordinal()], c.format(), row.year()));
        }
        return b.toString();
    }

    public String honour(FirmHistory.HonourRow row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                b.append(file.delimiter());
            }
            b.append(switch (columns.get(i).canonical()) {
                case "firm_name" -> row.firmName();
                case "year_obtained" -> Integer.toString(row.yearObtained());
                case "honour" -> row.honour();
                case "province" -> row.province();
                case "expiry_year" -> row.expiryYear() == null ? "" : row.expiryYear().toString();
                default -> throw new QuexException("honours layout: unknown column " + columns.get(i).canonical());
            });
        }
        return b.toString();
    }

    String customsValue(CustomsField f, String value, String format, int year) {
        if (format == null || format.isEmpty() || value.isEmpty()) {
            return value;
        }
        return switch (f) {
            case DIRECTION -> directionCode(value, format);
            case HS_CODE -> switch (format) {
                case "hs8" -> value;
                // numeric storage drops the leading zero of chapters 01–09
                case "hs8_unpadded" -> value.chars().allMatch(Character::isDigit)
                        ? Long.toString(Long.parseLong(value)) : value;
                default -> throw unknown(f, format);
            };
            case COUNTRY -> switch (format) {
                case "customs_code" -> value;
                case "name_zh" -> {
                    String name = countryNames.get(value);
                    if (name == null) {
                        throw new QuexException("no Chinese name for customs country code " + value);
                    }
                    yield name;
                }
                default -> throw unknown(f, format);
            };
            case MONTH -> {
                int m = Integer.parseInt(value);
                yield switch (format) {
                    case "yyyyMM" -> String.format("%d%02d", year, m);
                    case "yyyy-MM-dd" -> String.format("%d-%02d-01", year, m);
                    case "M" -> Integer.toString(m);
                    default -> throw unknown(f, format);
                };
            }
            default -> throw unknown(f, format);
        };
    }

    /** Format "0=export;1=import": the raw code for a canonical direction. */
    static String directionCode(String canonical, String format) {
        for (String pair : format.split(";")) {
            String[] kv = pair.split("=");
            if (kv.length == 2 && kv[1].equals(canonical)) {
                return kv[0];
            }
        }
        throw new QuexException("direction format '" + format + "' has no code for " + canonical);
    }

    private QuexException unknown(CustomsField f, String format) {
        return new QuexException("layout " + file.layout() + ": unknown format '" + format + "' for " + f.canonical());
    }
}
