package org.quex.synth;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The data-generating process, one firm at a time and free of I/O: a firm's profile, its yearly
 * accounts, the export decision (probit with the true Model 1 coefficients) and export scale (FE
 * equation with Model 3 or Model 5 coefficients and a firm effect), its honours, its customs
 * transactions, and the defects planted in its rows. Every draw comes from a stream keyed by
 * (seed, firm, year, purpose), so a firm's output depends on nothing else.
 */
public final class FirmSimulator implements Serializable {
    /** Annual average RMB per USD (PBoC/IMF), used to turn export delivery value into customs dollars. */
    public static final Map<Integer, Double> RMB_PER_USD = Map.ofEntries(
            Map.entry(1998, 8.28), Map.entry(1999, 8.28), Map.entry(2000, 8.28), Map.entry(2001, 8.28),
            Map.entry(2002, 8.28), Map.entry(2003, 8.28), Map.entry(2004, 8.28), Map.entry(2005, 8.19),
            Map.entry(2006, 7.97), Map.entry(2007, 7.60), Map.entry(2008, 6.95), Map.entry(2009, 6.83),
            Map.entry(2010, 6.77), Map.entry(2011, 6.46), Map.entry(2012, 6.31), Map.entry(2013, 6.19));
    public static final String CHINA = "142";
    static final String[] UNITS = {"千克", "个", "件", "台", "套", "米", "双", "条"};
    static final String[] NATIONAL_SUFFIXES = {"00", "00", "00", "10", "90"};
    static final double HONOUR_PUBLISHED_VARIANT_SHARE = 0.3;

    private final GenerateSettings settings;
    private final ReferenceData ref;
    private final TrueCoefficients truth;
    private final RawLayouts layouts;

    public FirmSimulator(GenerateSettings settings, ReferenceData ref, TrueCoefficients truth, RawLayouts layouts) {
        this.settings = settings;
        this.ref = ref;
        this.truth = truth;
        this.layouts = layouts;
    }

    record Grant(int year, int qu, String honour, Integer expiry) {
    }

    /** A customs declarant: code, name and contacts as written on its rows (names, phones and types vary by year). */
    private record Trader(String code, String name, String areaCode, String phone, String zip, String address,
                          String contact, String companyType, Places.City city, boolean gongmao) {
    }

    public FirmHistory simulate(int firm) {
        FirmProfile p = FirmProfile.draw(firm, settings, ref, truth);
        FirmHistory h = new FirmHistory();
        List<Grant> grants = p.inAsif() ? honours(p, h) : List.of();
        Trader self = new Trader(FirmIds.customsCode(firm, settings.seed()), p.name(), p.city().areaCode(),
                p.phoneLocal(), p.zip(), p.address(), p.contact(), companyType(p.registrationType()), p.city(),
                p.gongmao());
        double lnL = p.lnEmployees0();
        double lnk = p.lnCapitalPerWorker0();
        int from = Math.max(settings.firstYear(), p.entryYear());
        int to = Math.min(settings.lastYear(), p.exitYear() - 1);
        // persistent productivity ω: AR(1) with stationary sd tfp_firm_sd, starting at the firm's draw
        // (tfp_rho = 1, the default, keeps it constant: the DGP of truth files without the term)
        double rho = truth.getOr(TrueCoefficients.DGP, "tfp_rho", 1.0);
        double innovationSd = truth.get(TrueCoefficients.DGP, "tfp_firm_sd") * Math.sqrt(Math.max(0, 1 - rho * rho));
        double omega = p.tfpFirm();
        double omegaBefore = omega;
        for (int year = from; year <= to; year++) {
            SplittableRandom r = Seeds.stream(settings.seed(), firm, year, Seeds.YEAR);
            double growthL = 0.03 + 0.12 * FirmProfile.gaussian(r);
            double growthK = 0.02 + 0.08 * FirmProfile.gaussian(r);
            if (year > p.entryYear()) {
                lnL += growthL;
                lnk += growthK;
                omegaBefore = omega;
                omega = rho * omega + innovationSd
                        * FirmProfile.gaussian(Seeds.stream(settings.seed(), firm, year, Seeds.PRODUCTIVITY));
            }
            if (p.inAsif()) {
                asifYear(p, self, year, lnL, lnk, omega, omegaBefore, r, grants, h);
            } else {
                customsOnlyYear(p, self, year, r, h);
            }
        }
        return h;
    }

    // ---------------------------------------------------------------- ASIF firm-years

    /** The written accounts of a firm-year (export not yet drawn), its true TFP and its domestic sales. */
    private record Accounts(String[] row, double tfp, long domesticSales) {
    }

    private void asifYear(FirmProfile p, Trader self, int year, double lnL, double lnk, double omega, double omegaBefore,
                          SplittableRandom r, List<Grant> grants, FirmHistory h) {
        Accounts accounts = accounts(p, year, lnL, lnk, omega, omegaBefore, r);
        String[] row = accounts.row();
        double tfp = accounts.tfp();
        long domesticSales = accounts.domesticSales();
        String firmId = row[AsifField.FIRM_ID.ordinal()];
        int qu = quAt(grants, year);
        Regressors x = Regressors.of(row);
        ExportDecision decision = ExportDecision.draw(truth, settings.scaleEquation(), x, tfp, qu, p.firmEffect(), r);
        if (decision.ex() == 1) {
            set(row, AsifField.EXPORT_VALUE, decision.exportValue());
            set(row, AsifField.SALES, domesticSales + decision.exportValue());
            // R&D and subsidies are drawn as shares of sales: of total sales, so that rd and si do not
            // fall mechanically with exports (they play no part in the export equations)
            double grossUp = (double) (domesticSales + decision.exportValue()) / domesticSales;
            for (AsifField f : new AsifField[] {AsifField.RD_EXPENSE, AsifField.SUBSIDY_INCOME}) {
                long amount = Long.parseLong(row[f.ordinal()]);
                if (amount > 0) {
                    set(row, f, Math.max(1, Math.round(amount * grossUp)));
                }
            }
            if (!Regressors.of(row).equals(x)) {
                throw new IllegalStateException("export changed the regressors of firm " + p.firm() + " in " + year);
            }
        }

        SplittableRandom d = Seeds.stream(settings.seed(), p.firm(), year, Seeds.DEFECTS);
        Defect defect = AsifDefects.draw(d, settings.defectScale());
        if (defect != null && !layouts.carries(defect, year, 0)) {
            defect = null; // a broken line cannot exist in a Stata or Access file: the row stays clean
        }
        h.asif.addAll(AsifDefects.plant(defect, row, year, p.firm(), d));

        int before = h.customs.size();
        int directRows = customsYear(p, self, year, decision, domesticSales, firmId, defect, h);
        h.firmYears.add(new FirmHistory.FirmYearTruth(year, p.firm(), firmId, self.code(), p.industry().cic2002(), defect,
                tfp, qu, x, decision.index(), decision.ex(), p.firmEffect(), decision.exportValue(),
                directRowsUsd(h, before, "export"), sumIntermediary(h, before),
                directRows));
    }


    /**
     * Export delivery value, true TFP and the rest of the accounts, as ASIF writes them. Inputs
     * respond to productivity as the TFP estimators assume (Olley–Pakes 1996; Ackerberg, Caves
     * and Frazer 2015): capital, chosen the year before, by capital_response·ω₋₁; labour, chosen
     * knowing ω, by labour_response·ω; intermediate input = materials_ratio·exp(a + b_k ln K + ω),
     * a monotone function of ω given capital (the LP/ACF proxy). The yearly shock of value added
     * (tfp_shock_sd) is not known to the firm. All three responses 0 (the defaults): the old DGP.
     */
    private Accounts accounts(FirmProfile p, int year, double lnL, double lnk, double omega, double omegaBefore,
                              SplittableRandom r) {
        double labourResponse = truth.getOr(TrueCoefficients.DGP, "labour_response", 0);
        double capitalResponse = truth.getOr(TrueCoefficients.DGP, "capital_response", 0);
        double materialsRatio = truth.getOr(TrueCoefficients.DGP, "materials_ratio", 0);
        long plannedEmployees = Math.max(8, Math.round(Math.exp(lnL)));
        long netFixed = Math.max(120, Math.round(plannedEmployees * Math.exp(lnk + capitalResponse * omegaBefore)));
        long employees = labourResponse == 0 ? plannedEmployees : Math.max(8, Math.round(Math.exp(lnL + labourResponse * omega)));
        long fixed = Math.max(150, Math.round(netFixed / (0.55 + 0.30 * r.nextDouble())));
        long current = Math.round(fixed * (0.5 + r.nextDouble()));
        long other = Math.round(fixed * 0.3 * r.nextDouble());
        long[] floors = SizeClass.floorsForEmployeeBand(year, employees);
        long total = Math.max(current + fixed + other, floors[1]);

        double bk = truth.get(TrueCoefficients.PRODUCTION, "ln_k");
        double bl = truth.get(TrueCoefficients.PRODUCTION, "ln_l");
        double a = industryIntercept(p.industry().division());
        double tfpDraw = omega + truth.get(TrueCoefficients.DGP, "tfp_shock_sd") * FirmProfile.gaussian(r);
        long valueAdded = Math.max(1, Math.round(Math.exp(a + bk * Math.log(netFixed) + bl * Math.log(employees) + tfpDraw)));
        // true TFP is the residual of the written numbers under the true production function
        double tfp = Math.log(valueAdded) - a - bk * Math.log(netFixed) - bl * Math.log(employees);
        double valueAddedShare = 0.20 + 0.25 * r.nextDouble();
        // VAT payable: 8-14 % of value added (its own stream); intermediate input = output - value added + VAT, the
        // identity the rebuild of a missing value added relies on
        long vat = Math.round(valueAdded * (0.08 + 0.06 * Seeds.stream(settings.seed(), p.firm(), year, Seeds.VAT).nextDouble()));
        long grossOutput;
        if (materialsRatio > 0) {
            // intermediate input = the materials, so the LP/ACF proxy stays a function of capital and ω
            long materials = Math.max(1, Math.round(materialsRatio * Math.exp(a + bk * Math.log(netFixed) + omega)));
            vat = Math.max(0, Math.min(vat, materials - 1));
            grossOutput = valueAdded + materials - vat;
        } else {
            grossOutput = Math.max(valueAdded + 1, Math.round(valueAdded / valueAddedShare));
        }
        long domesticSales = Math.max(Math.max(5_000, floors[0]), Math.round(grossOutput * (0.7 + 0.3 * r.nextDouble())));
        long profit = Math.round(total * (0.07 + 0.06 * FirmProfile.gaussian(r)));
        long liabilities = Math.round(total * (0.3 + 0.5 * r.nextDouble()));
        long interest = Math.round(liabilities * (0.005 + 0.035 * r.nextDouble()));
        long wages = Math.max(1, Math.round(employees * 8 * Math.pow(1.1, year - 2000) * Math.exp(0.25 * FirmProfile.gaussian(r))));
        double uSubsidy = r.nextDouble();
        double subsidyRate = 0.001 + 0.019 * r.nextDouble();
        long subsidy = uSubsidy < 0.15 ? Math.max(1, Math.round(domesticSales * subsidyRate)) : 0;
        double uRd = r.nextDouble();
        double rdRate = 0.001 + 0.029 * r.nextDouble();
        long rd = uRd < 0.2 ? Math.max(1, Math.round(domesticSales * rdRate)) : 0;
        long paidIn = Math.max(1, Math.round(total * (0.2 + 0.3 * r.nextDouble())));

        String firmId = FirmIds.organizationCode(p.firm(), p.idVersion(year), settings.seed());
        String[] row = new String[AsifField.values().length];
        set(row, AsifField.FIRM_ID, firmId);
        set(row, AsifField.YEAR, year);
        set(row, AsifField.FIRM_NAME, p.name(year));
        set(row, AsifField.LEGAL_PERSON, p.legalPerson(year));
        set(row, AsifField.PHONE, FirmNames.asifPhone(p.city().areaCode(), p.phoneLocal()));
        set(row, AsifField.ZIP, p.zip());
        set(row, AsifField.ADDRESS, p.address());
        set(row, AsifField.REGION_CODE, p.city().regionCode());
        // the edition of GB/T 4754 in force: 1994 to 2002, 2002 to 2011, 2011 from 2012
        set(row, AsifField.INDUSTRY_CODE, year >= 2012 ? p.industry().cic2011()
                : year >= 2003 ? p.industry().cic2002() : p.industry().cic1994());
        set(row, AsifField.REGISTRATION_TYPE, p.registrationType(year));
        set(row, AsifField.AFFILIATION, p.affiliation(year));
        set(row, AsifField.FOUNDING_YEAR, p.foundingYear());
        set(row, AsifField.FOUNDING_MONTH, p.foundingMonth());
        set(row, AsifField.EMPLOYEES, employees);
        set(row, AsifField.GROSS_OUTPUT, grossOutput);
        set(row, AsifField.VALUE_ADDED, valueAdded);
        set(row, AsifField.VAT, vat);
        set(row, AsifField.INTERMEDIATE_INPUT, grossOutput - valueAdded + vat);
        set(row, AsifField.EXPORT_VALUE, 0);
        set(row, AsifField.SALES, domesticSales);
        set(row, AsifField.TOTAL_ASSETS, total);
        set(row, AsifField.CURRENT_ASSETS, current);
        set(row, AsifField.FIXED_ASSETS, fixed);
        set(row, AsifField.NET_FIXED_ASSETS, netFixed);
        set(row, AsifField.TOTAL_LIABILITIES, liabilities);
        set(row, AsifField.PROFIT, profit);
        set(row, AsifField.INTEREST_EXPENSE, interest);
        set(row, AsifField.WAGES_PAYABLE, wages);
        set(row, AsifField.SUBSIDY_INCOME, subsidy);
        set(row, AsifField.RD_EXPENSE, rd);
        long[] capital = capitalParts(paidIn, p.capitalShares(year));
        set(row, AsifField.PAID_IN_CAPITAL, paidIn);
        AsifField[] parts = {AsifField.STATE_CAPITAL, AsifField.COLLECTIVE_CAPITAL, AsifField.LEGAL_PERSON_CAPITAL,
            AsifField.INDIVIDUAL_CAPITAL, AsifField.HMT_CAPITAL, AsifField.FOREIGN_CAPITAL};
        for (int i = 0; i < parts.length; i++) {
            set(row, parts[i], capital[i]);
        }

        return new Accounts(row, tfp, domesticSales);
    }

    /** The firm's own customs rows of an ASIF firm-year, its intermediary's rows, planted extras and the link; returns its own rows. */
    private int customsYear(FirmProfile p, Trader self, int year, ExportDecision decision, long domesticSales,
                            String firmId, Defect defect, FirmHistory h) {
        // customs side of this firm-year
        SplittableRandom c = Seeds.stream(settings.seed(), p.firm(), year, Seeds.CUSTOMS);
        double rate = RMB_PER_USD.get(year);
        long directUsd = decision.ex() == 1 ? Math.round(decision.exportValue() * 1000 * p.directShare() / rate) : 0;
        long indirectUsd = decision.ex() == 1 ? Math.round(decision.exportValue() * 1000 * (1 - p.directShare()) / rate) : 0;
        long importUsd = p.importer()
                ? Math.round((decision.ex() == 1 ? decision.exportValue() * 0.35 : domesticSales * 0.03) * 1000 / rate) : 0;
        int before = h.customs.size();
        FirmNames.Written written = FirmNames.customsName(p.name(year), c, settings.typoShare());
        int directRows = 0;
        if (layouts.fileFor("customs", year) != null) {
            String phone = FirmNames.customsPhone(p.city().areaCode(), p.phoneLocal(), c);
            Trader asWritten = new Trader(self.code(), written.text(), self.areaCode(), phone, self.zip(),
                    self.address(), self.contact(), companyType(p.registrationType(year)), self.city(), self.gongmao());
            directRows += trade(asWritten, year, "export", directUsd, settings.meanTransactions(), p, c, h, null);
            directRows += trade(asWritten, year, "import", importUsd, settings.meanTransactions() / 2, p, c, h, null);
            if (indirectUsd > 0) {
                trade(intermediary(p.intermediary()), year, "export", indirectUsd, settings.meanTransactions() / 4, p, c, h,
                        Defect.CUSTOMS_INTERMEDIARY);
            }
            if (directRows > 0) {
                CustomsDefects.plantExtras(h.customs.get(before), year, ref, layouts, settings.defectScale(), c, h);
                h.links.add(new FirmHistory.Link(year, self.code(), firmId, p.firm(), written.variant().name().toLowerCase(),
                        written.text(), p.name(year), defect == null ? "" : defect.label()));
            }
        }
        return directRows;
    }

    private static long directRowsUsd(FirmHistory h, int from, String direction) {
        long sum = 0;
        for (int i = from; i < h.customs.size(); i++) {
            FirmHistory.CustomsRow row = h.customs.get(i);
            if (row.defect() == null && row.fields()[CustomsField.DIRECTION.ordinal()].equals(direction)) {
                sum += Long.parseLong(row.fields()[CustomsField.VALUE_USD.ordinal()]);
            }
        }
        return sum;
    }

    private static long sumIntermediary(FirmHistory h, int from) {
        long sum = 0;
        for (int i = from; i < h.customs.size(); i++) {
            FirmHistory.CustomsRow row = h.customs.get(i);
            if (row.defect() == Defect.CUSTOMS_INTERMEDIARY) {
                sum += Long.parseLong(row.fields()[CustomsField.VALUE_USD.ordinal()]);
            }
        }
        return sum;
    }

    private static long[] capitalParts(long paidIn, double[] shares) {
        long[] parts = new long[shares.length];
        long assigned = 0;
        int largest = 0;
        for (int i = 0; i < shares.length; i++) {
            parts[i] = Math.round(paidIn * shares[i]);
            assigned += parts[i];
            if (shares[i] > shares[largest]) {
                largest = i;
            }
        }
        parts[largest] += paidIn - assigned;
        return parts;
    }

    /** The industry's production-function intercept, drawn once per 2-digit industry and seed. */
    double industryIntercept(String division) {
        SplittableRandom r = Seeds.stream(settings.seed(), Integer.parseInt(division), 0, Seeds.INDUSTRY);
        return truth.get(TrueCoefficients.PRODUCTION, "intercept_mean")
                + truth.get(TrueCoefficients.PRODUCTION, "intercept_sd") * FirmProfile.gaussian(r);
    }

    // ---------------------------------------------------------------- honours

    private List<Grant> honours(FirmProfile p, FirmHistory h) {
        List<Grant> grants = new ArrayList<>();
        int from = Math.max(settings.firstYear(), p.entryYear());
        int to = Math.min(settings.lastYear(), p.exitYear() - 1);
        for (int year = from; year <= to; year++) {
            SplittableRandom r = Seeds.stream(settings.seed(), p.firm(), year, Seeds.HONOURS);
            double chance = 0.03 + 0.07 / (1 + Math.exp(-p.quality()));
            double u = r.nextDouble();
            int level = (int) Math.max(1, Math.min(9, Math.round(2 + 1.8 * p.quality() + 1.5 * FirmProfile.gaussian(r))));
            if (u >= chance) {
                continue;
            }
            List<ReferenceData.Honour> options = ref.honoursOfLevel(level);
            ReferenceData.Honour honour = options.get(r.nextInt(options.size()));
            Integer expiry = honour.expiresAfterYears() == null ? null : year + honour.expiresAfterYears();
            grants.add(new Grant(year, level, honour.name(), expiry));
            String published = r.nextDouble() < HONOUR_PUBLISHED_VARIANT_SHARE
                    ? FirmNames.normalizableVariant(p.name(year), r).text() : p.name(year);
            h.honours.add(new FirmHistory.HonourRow(published, year, honour.name(), p.city().province(), expiry));
        }
        return grants;
    }

    /** qu: the highest level held in a year (obtained in or before it, not expired), 0 if none. */
    static int quAt(List<Grant> grants, int year) {
        int qu = 0;
        for (Grant g : grants) {
            if (g.year() <= year && (g.expiry() == null || g.expiry() >= year)) {
                qu = Math.max(qu, g.qu());
            }
        }
        return qu;
    }

    // ---------------------------------------------------------------- customs

    private void customsOnlyYear(FirmProfile p, Trader self, int year, SplittableRandom r, FirmHistory h) {
        if (layouts.fileFor("customs", year) == null) {
            return;
        }
        SplittableRandom c = Seeds.stream(settings.seed(), p.firm(), year, Seeds.CUSTOMS);
        long exportUsd = Math.round(Math.exp(p.lnCustomsOnlyExportUsd() + 0.05 * (year - settings.firstYear())
                + 0.3 * FirmProfile.gaussian(r)));
        long importUsd = p.importer() ? Math.round(exportUsd * 0.3) : 0;
        String phone = FirmNames.customsPhone(self.areaCode(), p.phoneLocal(), c);
        Trader asWritten = new Trader(self.code(), p.name(year), self.areaCode(), phone, self.zip(), self.address(),
                self.contact(), companyType(p.registrationType(year)), self.city(), self.gongmao());
        int before = h.customs.size();
        int rows = trade(asWritten, year, "export", exportUsd, settings.meanTransactions(), p, c, h, null);
        rows += trade(asWritten, year, "import", importUsd, settings.meanTransactions() / 2, p, c, h, null);
        if (rows > 0) {
            CustomsDefects.plantExtras(h.customs.get(before), year, ref, layouts, settings.defectScale(), c, h);
        }
    }

    /** Splits a firm-year's trade flow into transactions of at least 50 USD; returns the rows written. */
    private int trade(Trader t, int year, String direction, long totalUsd, double meanRows, FirmProfile p,
                      SplittableRandom r, FirmHistory h, Defect label) {
        long maxRows = totalUsd / 100;
        int n = (int) Math.min(maxRows, Math.max(1, Math.round(meanRows * (0.3 + 1.4 * r.nextDouble()))));
        if (n <= 0) {
            return 0;
        }
        double[] w = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = -Math.log(1 - r.nextDouble());
            sum += w[i];
        }
        long spread = totalUsd - 50L * n;
        List<ReferenceData.Country> partners = ref.countries();
        for (int i = 0; i < n; i++) {
            long value = 50 + (long) Math.floor(spread * w[i] / sum);
            String product = p.products().get(r.nextInt(p.products().size()));
            int productHash = Math.floorMod(product.hashCode() * 31 + p.firm(), 1 << 20);
            double unitPrice = Math.exp(1 + 3 * ((productHash % 1000) / 1000.0));
            String country;
            do {
                country = partners.get(r.nextInt(partners.size())).code();
            } while (country.equals(CHINA));
            String[] f = new String[CustomsField.values().length];
            f[CustomsField.DIRECTION.ordinal()] = direction;
            f[CustomsField.FIRM_CODE.ordinal()] = t.code();
            f[CustomsField.FIRM_NAME.ordinal()] = t.name();
            f[CustomsField.COMPANY_TYPE.ordinal()] = t.companyType();
            f[CustomsField.HS_CODE.ordinal()] = ref.productCode(product, year)
                    + NATIONAL_SUFFIXES[productHash % NATIONAL_SUFFIXES.length];
            f[CustomsField.VALUE_USD.ordinal()] = Long.toString(value);
            f[CustomsField.QUANTITY.ordinal()] = Long.toString(Math.max(1, Math.round(value / unitPrice)));
            f[CustomsField.UNIT.ordinal()] = UNITS[productHash % UNITS.length];
            f[CustomsField.COUNTRY.ordinal()] = country;
            f[CustomsField.TRADE_MODE.ordinal()] = p.processingTrade() && r.nextDouble() < 0.8
                    ? (r.nextBoolean() ? "进料加工贸易" : "来料加工装配贸易") : "一般贸易";
            f[CustomsField.CUSTOMS_PORT.ordinal()] = t.city().port();
            double u = r.nextDouble();
            f[CustomsField.TRANSPORT.ordinal()] = u < 0.6 ? "水路运输" : u < 0.8 ? "航空运输" : u < 0.95 ? "公路运输" : "铁路运输";
            f[CustomsField.ADDRESS.ordinal()] = t.address();
            f[CustomsField.PHONE.ordinal()] = t.phone();
            f[CustomsField.ZIP.ordinal()] = t.zip();
            f[CustomsField.CONTACT.ordinal()] = t.contact();
            f[CustomsField.MONTH.ordinal()] = Integer.toString(1 + r.nextInt(12));
            h.customs.add(new FirmHistory.CustomsRow(year, Integer.parseInt(f[CustomsField.MONTH.ordinal()]), f,
                    f.length, label, t.gongmao()));
        }
        return n;
    }

    /** The trade intermediary with this number: its own code and a keyword name, the same for every client. */
    private Trader intermediary(int j) {
        long unit = (long) settings.firms() + j;
        SplittableRandom r = Seeds.stream(settings.seed(), unit, 0, Seeds.INTERMEDIARY);
        Places.City city = Places.CITIES.get(r.nextInt(Places.CITIES.size()));
        List<String> keywords = ref.intermediaryKeywords();
        String name = FirmNames.intermediaryName(city.name(), keywords.get(r.nextInt(keywords.size())), r);
        String local = FirmNames.localNumber(city.areaCode(), r);
        return new Trader(FirmIds.customsCode(unit, settings.seed()), name, city.areaCode(),
                FirmNames.asifPhone(city.areaCode(), local), city.zipPrefix() + String.format("%03d", r.nextInt(1000)),
                FirmNames.address(city.name(), r), FirmNames.personName(r), r.nextBoolean() ? "国有企业" : "私营企业",
                city, false);
    }

    /** The customs company-type text (企业性质) for an ASIF registration type. */
    static String companyType(String registrationType) {
        return switch (registrationType) {
            case "110", "141", "143", "151" -> "国有企业";
            case "120", "130", "142", "149" -> "集体企业";
            case "210", "310" -> "中外合资企业";
            case "220", "320" -> "中外合作企业";
            case "230", "240", "290", "330", "340", "390" -> "外商独资企业";
            case "159", "160" -> "其他企业";
            default -> "私营企业";
        };
    }

    private static void set(String[] row, AsifField f, Object value) {
        row[f.ordinal()] = value.toString();
    }

    /** The intermediaries' customs codes and names, for the truth files. */
    public List<String[]> intermediaries() {
        List<String[]> list = new ArrayList<>();
        for (int j = 0; j < settings.intermediaries(); j++) {
            Trader t = intermediary(j);
            list.add(new String[] {t.code(), t.name()});
        }
        return list;
    }
}
