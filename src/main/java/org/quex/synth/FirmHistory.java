package org.quex.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one firm contributes to the output, in the order it is written: ASIF rows, Customs
 * rows, honours, and the truth about each firm-year and customs link. Rows hold canonical values;
 * {@link RawRowFormatter} turns them into a year's scheme.
 */
public final class FirmHistory {
    /**
     * One ASIF row of true firm {@code firm}. {@code keepFields} below the scheme width truncates the
     * line (a short row); {@code defect} is null for a clean row.
     */
    public record AsifRow(int year, long firm, String[] fields, int keepFields, Defect defect) {
    }

    /** One Customs line; {@code fields} by {@link CustomsField} ordinal; direction "export"/"import", country a customs code. */
    public record CustomsRow(int year, int month, String[] fields, int keepFields, Defect defect,
                             boolean gongmaoManufacturer) {
    }

    /** One honour as the list publishes it. */
    public record HonourRow(String firmName, int yearObtained, String honour, String province, Integer expiryYear) {
    }

    /** The true state of an ASIF firm-year (before any defect was planted in its row). */
    public record FirmYearTruth(int year, int firm, String asifFirmId, String customsFirmCode, String industry2002,
                                Defect asifDefect, double tfp, int qu, Regressors x, double probitIndex, int ex,
                                double firmEffect, long exportValue, long directExportUsd, long indirectExportUsd,
                                int customsRows) {
    }

    /** A true customs-firm ↔ ASIF-firm link in a year, with how the customs side wrote name and phone. */
    public record Link(int year, String customsFirmCode, String asifFirmId, int firm, String nameVariant,
                       String customsName, String asifName, String asifDefect) {
    }

    public final List<AsifRow> asif = new ArrayList<>();
    public final List<CustomsRow> customs = new ArrayList<>();
    public final List<HonourRow> honours = new ArrayList<>();
    public final List<FirmYearTruth> firmYears = new ArrayList<>();
    public final List<Link> links = new ArrayList<>();
}
