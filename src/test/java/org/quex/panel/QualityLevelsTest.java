package org.quex.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.quex.SparkTestSession;
import org.quex.match.NameNormalizer;

/** qu from hand-made honour lists: validity years, renamed firms, namesakes and provinces. */
class QualityLevelsTest {
    private static final StructType FIRMS = PanelRows.schema("year:int", "firm_id:string", "panel_id:string",
            "name_key:string", "province:string");
    private static final StructType LISTS = PanelRows.schema("firm_name:string", "year_obtained:int", "honour:string",
            "province:string", "expiry_year:int");

    private static Row firm(int year, String id, String name, String province) {
        return firm(year, id, id, name, province);
    }

    private static Row firm(int year, String id, String panelId, String name, String province) {
        return RowFactory.create(year, id, panelId, NameNormalizer.normalize(name), province);
    }

    private static Map<String, Integer> qu(List<Row> firms, List<Row> lists, PanelConfig.HonourValidity validity) {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> f = spark.createDataFrame(firms, FIRMS);
        Dataset<Row> l = spark.createDataFrame(lists, LISTS);
        Map<String, Integer> out = new TreeMap<>();
        for (Row r : QualityLevels.of(f, l, HonourLevels.load(), validity).quByFirmYear().collectAsList()) {
            out.put(r.getString(1) + "@" + r.getInt(0), r.getInt(2));
        }
        return out;
    }

    @Test
    void anHonourCountsFromItsYearUntilItExpiresAndTheHighestLevelWins() {
        List<Row> firms = List.of(firm(2004, "A", "甲机械有限公司", "32"), firm(2005, "A", "甲机械有限公司", "32"),
                firm(2008, "A", "甲机械有限公司", "32"), firm(2009, "A", "甲机械有限公司", "32"));
        List<Row> lists = List.of(
                RowFactory.create("甲机械有限公司", 2005, "省著名商标", "江苏省", 2008),       // qu 1, 2005-2008
                RowFactory.create("甲机械有限公司", 2008, "中国名牌产品", "江苏", null));       // qu 3, from 2008
        assertEquals(Map.of("A@2005", 1, "A@2008", 3, "A@2009", 3),
                qu(firms, lists, PanelConfig.HonourValidity.UNTIL_EXPIRY));
        assertEquals(Map.of("A@2005", 1, "A@2008", 3),
                qu(firms, lists, PanelConfig.HonourValidity.YEAR_OBTAINED));
    }

    @Test
    void aRenamedFirmKeepsTheHonourItObtainedUnderItsOldNameAndSpellingVariantsMatch() {
        List<Row> firms = List.of(firm(2005, "A", "乙电子厂", "44"), firm(2006, "A", "乙电子有限公司", "44"));
        List<Row> lists = List.of(RowFactory.create(" 乙电子厂 ", 2005, "ISO9001质量管理体系认证", null, null));
        assertEquals(Map.of("A@2005", 8, "A@2006", 8), qu(firms, lists, PanelConfig.HonourValidity.UNTIL_EXPIRY));
    }

    @Test
    void aFirmThatChangesIdAndNameKeepsItsHonourAlongItsPanelId() {
        // E (2005, old name) becomes F (2006-2007, new name): one panel id; G is another firm that
        // later takes E's old name elsewhere in the country, and is not given E's honour
        List<Row> firms = List.of(firm(2005, "E", "E/2005", "戊化工厂", "37"), firm(2006, "F", "E/2005", "戊化工有限公司", "37"),
                firm(2007, "F", "E/2005", "戊化工有限公司", "37"), firm(2007, "G", "G/2007", "己化工有限公司", "37"));
        List<Row> lists = List.of(RowFactory.create("戊化工厂", 2005, "省名牌产品", "山东省", 2007));
        assertEquals(Map.of("E@2005", 1, "F@2006", 1, "F@2007", 1),
                qu(firms, lists, PanelConfig.HonourValidity.UNTIL_EXPIRY));
    }

    @Test
    void aNameTwoFirmsShareInOneProvinceGivesNoneButTheProvinceSeparatesOthers() {
        List<Row> firms = List.of(firm(2010, "A", "丙纺织有限公司", "33"), firm(2010, "B", "丙纺织有限公司", "33"),
                firm(2010, "C", "丁纺织有限公司", "33"), firm(2010, "D", "丁纺织有限公司", "44"));
        List<Row> lists = List.of(RowFactory.create("丙纺织有限公司", 2010, "全国质量奖", "浙江省", null),
                RowFactory.create("丁纺织有限公司", 2010, "全国质量奖", "广东省", null),
                RowFactory.create("丁纺织有限公司", 2010, "no such honour", "浙江省", null));
        assertEquals(Map.of("D@2010", 6), qu(firms, lists, PanelConfig.HonourValidity.UNTIL_EXPIRY));
        QualityLevels.Counts counts = QualityLevels.of(SparkTestSession.get().createDataFrame(firms, FIRMS),
                SparkTestSession.get().createDataFrame(lists, LISTS), HonourLevels.load(),
                PanelConfig.HonourValidity.UNTIL_EXPIRY).counts();
        assertEquals(3, counts.entries());
        assertEquals(1, counts.unknownHonour());
        assertEquals(2, counts.ambiguousFirmYears());
    }

    @Test
    void qualityCountsByYearCountUpgradesAgainstTheYearBefore() {
        StructType schema = PanelRows.schema("year:int", "firm_id:string", "panel_id:string", "qu:int");
        List<Row> panel = List.of(RowFactory.create(2005, "A", "A/2005", 0), RowFactory.create(2006, "A", "A/2005", 3),
                RowFactory.create(2005, "B", "B/2005", 3), RowFactory.create(2006, "B", "B/2005", 3),
                RowFactory.create(2006, "C", "C/2006", 5), RowFactory.create(2008, "C", "C/2006", 8));
        assertEquals(List.of(new PanelJob.QualityCount(2005, 0, 1, 0), new PanelJob.QualityCount(2005, 3, 1, 0),
                        new PanelJob.QualityCount(2006, 3, 2, 1), new PanelJob.QualityCount(2006, 5, 1, 0),
                        new PanelJob.QualityCount(2008, 8, 1, 0)),
                PanelJob.qualityByYear(SparkTestSession.get().createDataFrame(panel, schema)));
    }

    @Test
    void anUpgradeAcrossAnIdChangeIsCountedOnceOnThePanelId() {
        // D (2005, qu 1) becomes E (2006, qu 4) and stays E (2007, qu 4): one upgrade, in 2006 (on the raw
        // id E would have no year before and the upgrade would be lost). H keeps qu 2 but re-registers as J.
        StructType schema = PanelRows.schema("year:int", "firm_id:string", "panel_id:string", "qu:int");
        List<Row> panel = List.of(RowFactory.create(2005, "D", "D/2005", 1), RowFactory.create(2006, "E", "D/2005", 4),
                RowFactory.create(2007, "E", "D/2005", 4), RowFactory.create(2005, "H", "H/2005", 2),
                RowFactory.create(2006, "J", "H/2005", 2));
        List<PanelJob.QualityCount> counts = PanelJob.qualityByYear(SparkTestSession.get().createDataFrame(panel, schema));
        assertEquals(List.of(new PanelJob.QualityCount(2005, 1, 1, 0), new PanelJob.QualityCount(2005, 2, 1, 0),
                        new PanelJob.QualityCount(2006, 2, 1, 0), new PanelJob.QualityCount(2006, 4, 1, 1),
                        new PanelJob.QualityCount(2007, 4, 1, 0)),
                counts);
        assertEquals(1, counts.stream().mapToLong(PanelJob.QualityCount::upgraded).sum());
    }
}
