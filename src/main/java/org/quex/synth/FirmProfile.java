package org.quex.synth;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What a firm is for its whole life: identity, place, industry, ownership, spell in the data, and
 * the persistent parts of the data-generating process (size, capital intensity, TFP, export-scale
 * firm effect, quality propensity, how it trades).
 */
public record FirmProfile(int firm, boolean inAsif, Places.City city, String name, String legalPerson,
                          String contact, String phoneLocal, String address, String zip,
                          ReferenceData.Industry industry, String registrationType, String affiliation,
                          int foundingYear, int foundingMonth, int entryYear, int exitYear, int idChangeYear,
                          double lnEmployees0, double lnCapitalPerWorker0, double tfpFirm, double firmEffect,
                          double quality, double directShare, boolean importer, boolean processingTrade,
                          int intermediary, List<String> products, double[] capitalShares, boolean gongmao,
                          double lnCustomsOnlyExportUsd, int restructuringYear, String registrationTypeAfter,
                          double[] capitalSharesAfter, int affiliationChangeYear, String affiliationAfter,
                          int renameYear, String nameAfter, int legalPersonChangeYear, String legalPersonAfter) {

    /** Registration types (reference/registration_type_codes.csv) with weights in percent. */
    static final String[][] REGISTRATION_WEIGHTS = {
        {"110", "6"}, {"120", "6"}, {"130", "3"}, {"141", "1"}, {"143", "1"}, {"151", "2"}, {"159", "12"},
        {"160", "5"}, {"171", "4"}, {"172", "2"}, {"173", "22"}, {"174", "2"}, {"190", "4"}, {"210", "4"},
        {"220", "1"}, {"230", "6"}, {"310", "6"}, {"320", "1"}, {"330", "10"}, {"340", "2"}};
    /** 隶属关系 codes (reference/affiliation_lishuguanxi_codes.csv) with weights in percent. */
    static final String[][] AFFILIATION_WEIGHTS = {
        {"10", "3"}, {"11", "1"}, {"20", "5"}, {"40", "12"}, {"50", "14"}, {"61", "3"}, {"62", "8"}, {"63", "4"},
        {"71", "2"}, {"72", "6"}, {"90", "42"}};
    static final double INCUMBENT_SHARE = 0.65;
    static final double EXIT_HAZARD = 0.05;
    static final double ID_CHANGE_SHARE = 0.06;
    /** Registered names are unique by construction except for these planted namesakes (matching must report them). */
    static final double NAMESAKE_SHARE = 0.005;
    static final double RENAME_SHARE = 0.03;
    /**
     * Re-registration: a new firm id and a new registered name (another stem, so that neither the id
     * nor the name step can follow the firm) in the same year; the legal person, county, founding year
     * and phone stay, so only BVZ's legal-person step (or the phone step) links it.
     */
    static final double REREGISTER_SHARE = 0.02;
    /** Re-registration with a new legal person as well: only the phone step (+ county) links it. */
    static final double NEW_LEGAL_PERSON_SHARE = 0.01;
    /**
     * Pairs of firms (2k, 2k + 1) that re-register in the same year and share what a later step keys
     * on: half share the legal person and county (and the founding year when the odd firm was founded
     * by then; else the founding year tells them apart), so the legal-person key is ambiguous or nearly
     * so and the phone must separate them; half share the phone number (in their own counties, as a
     * rule different) and both take a new legal person, so the phone key must not join them.
     */
    static final double TWIN_PAIR_SHARE = 0.03;

    /** The registered name in a year: a renamed firm (corporatization) carries its new name from the rename year. */
    public String name(int year) {
        return renameYear > 0 && year >= renameYear ? nameAfter : name;
    }

    /** The legal person in a year: a re-registered firm may name a new one from its re-registration. */
    public String legalPerson(int year) {
        return legalPersonChangeYear > 0 && year >= legalPersonChangeYear ? legalPersonAfter : legalPerson;
    }

    /** Restructuring (the SOE and collective reforms) changes ownership within a firm's life. */
    public String registrationType(int year) {
        return restructuringYear > 0 && year >= restructuringYear ? registrationTypeAfter : registrationType;
    }

    public double[] capitalShares(int year) {
        return restructuringYear > 0 && year >= restructuringYear ? capitalSharesAfter : capitalShares;
    }

    public String affiliation(int year) {
        return affiliationChangeYear > 0 && year >= affiliationChangeYear ? affiliationAfter : affiliation;
    }

    public boolean activeIn(int year) {
        return year >= entryYear && year < exitYear;
    }

    /** 0 before the firm id change, 1 after. */
    public int idVersion(int year) {
        return idChangeYear > 0 && year >= idChangeYear ? 1 : 0;
    }

    public static FirmProfile draw(int firm, GenerateSettings s, ReferenceData ref, TrueCoefficients truth) {
        return reregistration(base(firm, s, ref, truth), s, ref, truth);
    }

    /**
     * The planted re-registrations (REREGISTER_SHARE, NEW_LEGAL_PERSON_SHARE, TWIN_PAIR_SHARE), from
     * streams of their own, so that every other firm is drawn exactly as without them.
     */
    static FirmProfile reregistration(FirmProfile p, GenerateSettings s, ReferenceData ref, TrueCoefficients truth) {
        long evenUnit = p.firm() & ~1L;
        SplittableRandom pair = Seeds.stream(s.seed(), evenUnit, 0, Seeds.IDENTITY_PAIR);
        if (pair.nextDouble() < TWIN_PAIR_SHARE && evenUnit + 1 < s.firms()) {
            boolean sameLegalPerson = pair.nextBoolean();
            FirmProfile even = p.firm() == evenUnit ? p : base((int) evenUnit, s, ref, truth);
            FirmProfile odd = p.firm() == evenUnit ? base((int) evenUnit + 1, s, ref, truth) : p;
            // a year both firms are in, with the year before
            int from = Math.max(even.entryYear, odd.entryYear) + 1;
            int to = Math.min(even.exitYear, odd.exitYear) - 1;
            if (from <= to && even.keepsIdentity() && odd.keepsIdentity()) {
                int year = from + pair.nextInt(to - from + 1);
                FirmProfile q = p;
                if (p == odd) {
                    q = sameLegalPerson
                            ? p.withIdentity(even.city, even.legalPerson, p.phoneLocal,
                                    even.foundingYear <= p.entryYear ? even.foundingYear : p.foundingYear)
                            : p.withIdentity(p.city, p.legalPerson, even.phoneLocal, p.foundingYear);
                }
                return q.reregistered(year, !sameLegalPerson, s);
            }
        }
        SplittableRandom r = Seeds.stream(s.seed(), p.firm(), 0, Seeds.IDENTITY);
        double u = r.nextDouble();
        if (p.keepsIdentity() && p.exitYear - p.entryYear >= 2 && u < REREGISTER_SHARE + NEW_LEGAL_PERSON_SHARE) {
            return p.reregistered(p.entryYear + 1 + r.nextInt(p.exitYear - p.entryYear - 1), u >= REREGISTER_SHARE, s);
        }
        return p;
    }

    /** No id change or rename of its own. */
    private boolean keepsIdentity() {
        return idChangeYear == 0 && renameYear == 0;
    }

    private FirmProfile withIdentity(Places.City place, String person, String phone, int founded) {
        return new FirmProfile(firm, inAsif, place, name, person, contact, phone, address, zip, industry,
                registrationType, affiliation, founded, foundingMonth, entryYear, exitYear, idChangeYear,
                lnEmployees0, lnCapitalPerWorker0, tfpFirm, firmEffect, quality, directShare, importer,
                processingTrade, intermediary, products, capitalShares, gongmao, lnCustomsOnlyExportUsd,
                restructuringYear, registrationTypeAfter, capitalSharesAfter, affiliationChangeYear, affiliationAfter,
                renameYear, nameAfter, legalPersonChangeYear, legalPersonAfter);
    }

    /**
     * This firm with a new id and a new name from {@code year} (the name of a stem no firm of this run
     * uses, so it stays unique), and a new legal person then when {@code newLegalPerson}.
     */
    private FirmProfile reregistered(int year, boolean newLegalPerson, GenerateSettings s) {
        SplittableRandom r = Seeds.stream(s.seed(), firm, 1, Seeds.IDENTITY);
        String newName = FirmNames.manufacturerName(FirmNames.stem((long) s.firms() + firm, s.seed()), r, false);
        String person = legalPerson;
        while (newLegalPerson && person.equals(legalPerson)) {
            person = FirmNames.personName(r);
        }
        return new FirmProfile(firm, inAsif, city, name, legalPerson, contact, phoneLocal, address, zip, industry,
                registrationType, affiliation, foundingYear, foundingMonth, entryYear, exitYear, year,
                lnEmployees0, lnCapitalPerWorker0, tfpFirm, firmEffect, quality, directShare, importer,
                processingTrade, intermediary, products, capitalShares, gongmao, lnCustomsOnlyExportUsd,
                restructuringYear, registrationTypeAfter, capitalSharesAfter, affiliationChangeYear, affiliationAfter,
                year, newName, newLegalPerson ? year : 0, person);
    }

    /** A firm as drawn from its own streams, before the planted re-registrations. */
    static FirmProfile base(int firm, GenerateSettings s, ReferenceData ref, TrueCoefficients truth) {
        SplittableRandom r = Seeds.stream(s.seed(), firm, 0, Seeds.PROFILE);
        boolean inAsif = r.nextDouble() >= GenerateSettings.CUSTOMS_ONLY_SHARE;
        FirmNames.NameStem stem = FirmNames.stem(firm, s.seed());
        Places.City city = stem.city();
        boolean gongmao = r.nextDouble() < 0.02;
        SplittableRandom names = Seeds.stream(s.seed(), firm, 0, Seeds.NAMES);
        String name = FirmNames.manufacturerName(stem, names, gongmao);
        if (names.nextDouble() < NAMESAKE_SHARE && s.firms() > 1) {
            // a namesake elsewhere: another firm's registered name, this firm's own place and phone
            int other = (int) Math.floorMod(firm + 1L + names.nextInt(1000), (long) s.firms());
            if (other != firm) {
                gongmao = false;
                name = FirmNames.manufacturerName(FirmNames.stem(other, s.seed()),
                        Seeds.stream(s.seed(), other, 0, Seeds.NAMES), false);
            }
        }
        String legalPerson = FirmNames.personName(names);
        String contact = FirmNames.personName(names);
        String phoneLocal = FirmNames.localNumber(city.areaCode(), names);
        String address = FirmNames.address(city.name(), names);
        String zip = city.zipPrefix() + String.format("%03d", names.nextInt(1000));

        ReferenceData.Industry industry = ref.industries().get(r.nextInt(ref.industries().size()));
        String type = weighted(REGISTRATION_WEIGHTS, r);
        String affiliation = weighted(AFFILIATION_WEIGHTS, r);

        int entry;
        int founding;
        if (r.nextDouble() < INCUMBENT_SHARE) {
            entry = s.firstYear();
            founding = entry - (int) Math.min(60, Math.floor(-Math.log(1 - r.nextDouble()) * 9));
        } else {
            entry = s.firstYear() == s.lastYear() ? s.firstYear() : s.firstYear() + 1 + r.nextInt(s.lastYear() - s.firstYear());
            founding = entry - r.nextInt(3);
        }
        int exit = entry + 1;
        while (exit <= s.lastYear() && r.nextDouble() >= EXIT_HAZARD) {
            exit++;
        }
        int idChange = 0;
        if (r.nextDouble() < ID_CHANGE_SHARE && exit - entry >= 2) {
            idChange = entry + 1 + r.nextInt(exit - entry - 1);
        }

        double lnL = Math.max(Math.log(10), 4.6 + 1.1 * gaussian(r));
        double lnk = 4.0 + 0.9 * gaussian(r);
        double tfpFirm = truth.get(TrueCoefficients.DGP, "tfp_firm_sd") * gaussian(r);
        double firmEffect = truth.get(TrueCoefficients.DGP, "fe_firm_effect_sd") * gaussian(r);
        double quality = gaussian(r);
        double u = r.nextDouble();
        double directShare = u < 0.55 ? 1.0 : u < 0.80 ? 0.5 + 0.45 * r.nextDouble() : 0.0;
        boolean importer = r.nextDouble() < 0.3;
        boolean processing = r.nextDouble() < 0.3;
        int intermediary = r.nextInt(s.intermediaries());
        int nProducts = 1 + r.nextInt(5);
        List<String> products = new java.util.ArrayList<>();
        for (int i = 0; i < nProducts; i++) {
            products.add(ref.products().get(r.nextInt(ref.products().size())));
        }
        double lnCustomsOnly = 12 + 1.2 * gaussian(r);
        // public and collective firms were restructured in waves; others rarely change type
        boolean reformable = Regressors.STATE_REGISTRATION_TYPES.contains(type) || type.startsWith("12")
                || type.startsWith("13") || type.equals("142") || type.equals("149");
        int restructuring = 0;
        String typeAfter = type;
        if (exit - entry >= 2 && r.nextDouble() < (reformable ? 0.35 : 0.03)) {
            restructuring = entry + 1 + r.nextInt(exit - entry - 1);
            do {
                typeAfter = weighted(REGISTRATION_WEIGHTS, r);
            } while (typeAfter.equals(type));
        }
        double[] sharesAfter = capitalShares(typeAfter, r);
        int affiliationChange = 0;
        String affiliationAfter = affiliation;
        if (exit - entry >= 2 && r.nextDouble() < 0.08) {
            affiliationChange = entry + 1 + r.nextInt(exit - entry - 1);
            do {
                affiliationAfter = weighted(AFFILIATION_WEIGHTS, r);
            } while (affiliationAfter.equals(affiliation));
        }
        // corporatization renames some firms (half of the id changers at the same time): BVZ linking
        // must then go through legal person, phone or founding data
        int rename = 0;
        if (exit - entry >= 2 && r.nextDouble() < RENAME_SHARE) {
            rename = entry + 1 + r.nextInt(exit - entry - 1);
        }
        if (idChange > 0 && r.nextBoolean()) {
            rename = idChange;
        }
        String nameAfter = rename > 0 ? FirmNames.corporatized(name) : name;
        if (nameAfter.equals(name)) {
            rename = 0;
        }
        return new FirmProfile(firm, inAsif, city, name, legalPerson, contact, phoneLocal, address, zip, industry,
                type, affiliation, founding, 1 + r.nextInt(12), entry, exit, idChange, lnL, lnk, tfpFirm, firmEffect,
                quality, directShare, importer, processing, intermediary, List.copyOf(products),
                capitalShares(type, r), gongmao, lnCustomsOnly, restructuring, typeAfter, sharesAfter,
                affiliationChange, affiliationAfter, rename, nameAfter, 0, legalPerson);
    }

    /** Shares of paid-in capital: state, collective, legal person, individual, HMT, foreign. */
    static double[] capitalShares(String type, SplittableRandom r) {
        double[] w = new double[6];
        int main;
        int second;
        switch (type.charAt(0)) {
            case '2' -> { main = 4; second = 2; }
            case '3' -> { main = 5; second = 2; }
            default -> {
                if (Regressors.STATE_REGISTRATION_TYPES.contains(type)) {
                    main = 0; second = 2;
                } else if (type.equals("120") || type.equals("130") || type.equals("142") || type.equals("149")) {
                    main = 1; second = 3;
                } else if (type.equals("159") || type.equals("160")) {
                    // mixed companies: state capital is the largest part in about a third of them
                    main = r.nextDouble() < 0.35 ? 0 : 2; second = main == 0 ? 3 : 0;
                } else {
                    main = 3; second = 2;
                }
            }
        }
        double top = 0.6 + 0.4 * r.nextDouble();
        w[main] = top;
        w[second] += 1 - top;
        return w;
    }

    static String weighted(String[][] weights, SplittableRandom r) {
        int total = 0;
        for (String[] w : weights) {
            total += Integer.parseInt(w[1]);
        }
        int pick = r.nextInt(total);
        for (String[] w : weights) {
            pick -= Integer.parseInt(w[1]);
            if (pick < 0) {
                return w[0];
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Standard normal by Box–Muller, spelled out so the bytes do not depend on a JDK's nextGaussian. */
    static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
