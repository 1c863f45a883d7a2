package org.quex.panel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.quex.match.NameNormalizer;

/**
 * The row-local part of the panel: one clean ASIF row in, its firm-year variables out (everything
 * but what needs other rows: qu from the honours, tfp from the industry's production function, hhi
 * from the industry-year, and the customs link). The definitions are those of
 * {@link FirmYearVariables}; this class only reads the fields and lays out the row.
 */
final class PanelRows implements Serializable {
    /** Columns of the row-local table, in order. */
    static final StructType SCHEMA = schema(
            "year:int", "firm_id:string", "firm_name:string", "name_key:string", "province:string",
            "region_code:string", "industry_code:string", "industry_cic2002:string", "industry_ambiguous:int",
            "industry2:string", "hhi_industry:string", "registration_type:string", "affiliation:string",
            "sales:long", "ex_asif:int", "export:double", "ln_export:double",
            "ln_va:double", "ln_k:double", "ln_l:double",
            "age:int", "age2:int", "cap:double", "ln_cap:double", "roa:double", "pro:double",
            "size_class:int", "scale1:int", "scale2:int", "scale3:int",
            "rd:double", "fc:double", "ac:double", "dac:double", "for:int", "fi:double",
            "sub:int", "si:double", "si2:double", "indus1:int", "indus2:int", "indus3:int", "sta:int", "cen:int",
            "ln_m:double", "fixed_assets:long", "ln_go:double");

    private final PanelConfig config;
    private final SizeStandards sizes;
    private final IndustryClassification industries;

    private static final String[] INPUTS = {"year", "firm_id", "firm_name", "region_code", "industry_code",
        "registration_type", "affiliation", "founding_year", "employees", "value_added", "export_value", "sales",
        "total_assets", "net_fixed_assets", "total_liabilities", "profit", "interest_expense", "wages_payable",
        "subsidy_income", "rd_expense", "paid_in_capital", "state_capital", "collective_capital",
        "legal_person_capital", "individual_capital", "hmt_capital", "foreign_capital",
        "intermediate_input", "fixed_assets", "gross_output"};

    PanelRows(PanelConfig config, SizeStandards sizes, IndustryClassification industries) {
        this.config = config;
        this.sizes = sizes;
        this.industries = industries;
    }

    /**
     * The variables of every clean ASIF row. Only the input columns reach the row function, read by
     * their place in {@link #INPUTS}, not the whole 100+-column ASIF row.
     */
    Dataset<Row> of(Dataset<Row> asif) {
        return asif.select(INPUTS[0], java.util.Arrays.copyOfRange(INPUTS, 1, INPUTS.length))
                .map((MapFunction<Row, Row>) this::variables, Encoders.row(SCHEMA));
    }

    Row variables(Row in) {
        int year = in.getInt(0);
        String region = str(in, 3);
        String industryCode = str(in, 4);
        String registration = str(in, 5);
        Long employees = lng(in, 8);
        Long valueAdded = lng(in, 9);
        Long export = lng(in, 10);
        Long sales = lng(in, 11);
        Long assets = lng(in, 12);
        Long netFixed = lng(in, 13);
        Long profit = lng(in, 15);
        Long subsidy = lng(in, 18);

        IndustryClassification.Mapped cic = industries.toCic2002(year, industryCode);
        String cic2002 = cic == null ? null : cic.cic2002();
        Integer tech = industries.techClass(cic2002);
        Integer age = FirmYearVariables.age(year, in.isNullAt(7) ? null : in.getInt(7));
        Double cap = FirmYearVariables.ratio(netFixed, employees);
        Integer size = sizes.classOf(year, employees, sales, assets);
        Double si = FirmYearVariables.ratio(subsidy, sales);
        return RowFactory.create(year, str(in, 1), str(in, 2), NameNormalizer.normalize(str(in, 2)),
                region == null || region.length() < 2 ? null : region.substring(0, 2), region, industryCode,
                cic2002, cic == null ? null : cic.ambiguous() ? 1 : 0,
                cic2002 == null || cic2002.length() < 2 ? null : cic2002.substring(0, 2),
                cic2002 == null || cic2002.length() < config.hhiDigits() ? null : cic2002.substring(0, config.hhiDigits()),
                registration, str(in, 6),
                sales, FirmYearVariables.positive(export), export == null ? null : export.doubleValue(),
                FirmYearVariables.log(export == null ? null : export.doubleValue()),
                FirmYearVariables.log(valueAdded == null ? null : valueAdded.doubleValue()),
                FirmYearVariables.log(netFixed == null ? null : netFixed.doubleValue()),
                FirmYearVariables.log(employees == null ? null : employees.doubleValue()),
                age, age == null ? null : age * age, cap, FirmYearVariables.log(cap),
                FirmYearVariables.ratio(profit, assets), FirmYearVariables.logPlusOne(profit),
                size, FirmYearVariables.dummy(size, SizeStandards.SMALL), FirmYearVariables.dummy(size, SizeStandards.MEDIUM),
                FirmYearVariables.dummy(size, SizeStandards.LARGE),
                FirmYearVariables.ratio(lng(in, 19), sales), FirmYearVariables.logPlusOne(lng(in, 16)),
                FirmYearVariables.ratio(lng(in, 17), valueAdded), FirmYearVariables.ratio(lng(in, 14), assets),
                FirmYearVariables.foreign(registration, config.foreignPrefixes()),
                FirmYearVariables.foreignShare(lng(in, 25), lng(in, 26), lng(in, 20)),
                FirmYearVariables.positive(subsidy), si, FirmYearVariables.square(si),
                FirmYearVariables.dummy(tech, IndustryClassification.LOW_TECH),
                FirmYearVariables.dummy(tech, IndustryClassification.MEDIUM_TECH),
                FirmYearVariables.dummy(tech, IndustryClassification.HIGH_TECH),
                FirmYearVariables.state(registration, config.stateRegistrationTypes(), config.stateByLargestCapital(),
                        lng(in, 21), lng(in, 22), lng(in, 23), lng(in, 24), lng(in, 25), lng(in, 26)),
                FirmYearVariables.central(str(in, 6), config.centralAffiliations()),
                // proxies of the TFP estimators (lp, acf, wrdg: materials; op: investment from fixed assets)
                FirmYearVariables.log(lng(in, 27) == null ? null : lng(in, 27).doubleValue()), lng(in, 28),
                // output of the gross-output production function (panel.tfp.output)
                FirmYearVariables.log(lng(in, 29) == null ? null : lng(in, 29).doubleValue()));
    }

    private String str(Row r, int i) {
        return r.isNullAt(i) ? null : r.getString(i);
    }

    private Long lng(Row r, int i) {
        return r.isNullAt(i) ? null : r.getLong(i);
    }

    /** A schema from "name:type" items (int, long, double, string), all nullable. */
    static StructType schema(String... columns) {
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            String[] nt = c.split(":");
            DataType type = switch (nt[1]) {
                case "int" -> DataTypes.IntegerType;
                case "long" -> DataTypes.LongType;
                case "double" -> DataTypes.DoubleType;
                case "boolean" -> DataTypes.BooleanType;
                default -> DataTypes.StringType;
            };
            fields.add(DataTypes.createStructField(nt[0], type, true));
        }
        return DataTypes.createStructType(fields);
    }
}
