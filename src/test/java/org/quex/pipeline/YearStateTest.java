package org.quex.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.ConfigFile;
import org.quex.lake.LakeTables;

/** Which stages of a year an incremental run redoes, and the reason it gives, on real files. */
class YearStateTest {
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path tmp;
    private LakeTables lake;
    private Path customs;
    private Path asif;

    @BeforeEach
    void buildAYear() throws Exception {
        lake = new LakeTables(tmp.resolve("lake").toString());
        // the year counts as built only while its match links exist
        Files.createDirectories(Path.of(LakeTables.yearPartition(lake.matchLinks(), 2013).toUri().getPath()));
        customs = tmp.resolve("raw/海关 2013 01月.csv"); // spaces and Chinese, as deliveries name files
        asif = tmp.resolve("raw/asif_2013.csv");
        Files.createDirectories(customs.getParent());
        Files.writeString(customs, "企业名称,金额\n甲公司,1250\n", StandardCharsets.UTF_8);
        Files.writeString(asif, "法人代码,年份\n123,2013\n", StandardCharsets.UTF_8);
        state(config(), "v1").record(HADOOP, lake);
    }

    private YearState state(ConfigFile config, String code) {
        return YearState.of(HADOOP, 2013, List.of(asif.toString(), customs.toString()), config, code);
    }

    private static ConfigFile config(String... overrides) {
        Properties p = new Properties();
        p.putAll(ConfigFile.load(null).properties());
        for (int i = 0; i < overrides.length; i += 2) {
            p.setProperty(overrides[i], overrides[i + 1]);
        }
        return new ConfigFile(p, "test");
    }

    private YearState.Staleness now(ConfigFile config, String code) {
        return state(config, code).staleness(HADOOP, lake);
    }

    @Test
    void nothingChangedIsReused() {
        assertEquals(new YearState.Staleness(YearState.Stage.REUSE, "raw files, settings and code unchanged"),
                now(config(), "v1"));
    }

    @Test
    void aFileCorrectedInPlaceWithTheSameSizeAndTimeIsReingested() throws Exception {
        FileTime time = Files.getLastModifiedTime(customs);
        Files.writeString(customs, "企业名称,金额\n甲公司,1350\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(customs, time);
        assertEquals(new YearState.Staleness(YearState.Stage.INGEST, "raw file " + customs + " changed content"),
                now(config(), "v1"));
    }

    @Test
    void aNewOrAGoneFileIsReingested() throws Exception {
        Path second = tmp.resolve("raw/customs_2013_02.csv");
        Files.writeString(second, "企业名称,金额\n乙公司,7\n", StandardCharsets.UTF_8);
        YearState withSecond = YearState.of(HADOOP, 2013, List.of(asif.toString(), customs.toString(), second.toString()),
                config(), "v1");
        assertEquals("raw file " + second + " is new", withSecond.staleness(HADOOP, lake).reason());
        YearState without = YearState.of(HADOOP, 2013, List.of(customs.toString()), config(), "v1");
        assertEquals("raw file " + asif + " is gone", without.staleness(HADOOP, lake).reason());
    }

    @Test
    void eachStageIsRedoneFromWhereItsSettingsChanged() {
        assertEquals(new YearState.Staleness(YearState.Stage.INGEST, "code version v1 -> v2"), now(config(), "v2"));
        assertEquals(new YearState.Staleness(YearState.Stage.INGEST,
                "setting ingest.employees.order average,year_end -> year_end,average"),
                now(config("ingest.employees.order", "year_end,average"), "v1"));
        assertEquals(new YearState.Staleness(YearState.Stage.CLEAN, "setting clean.customs.min_value_usd 50 -> 60"),
                now(config("clean.customs.min_value_usd", "60"), "v1"));
        assertEquals(new YearState.Staleness(YearState.Stage.CLEAN,
                "setting clean.asif.min_sales 5000 -> 20000 (and 1 more)"),
                now(config("clean.asif.min_sales", "20000", "clean.customs.min_value_usd", "60"), "v1"));
        assertEquals(new YearState.Staleness(YearState.Stage.MATCH, "setting match.phone_digits (unset) -> 8"),
                now(config("match.phone_digits", "8"), "v1"));
        // the panel and the models are rebuilt on every run: their settings do not make a year stale
        assertEquals(YearState.Stage.REUSE, now(config("panel.tfp.min_rows", "30"), "v1").from());
    }

    @Test
    void aYearWithoutStateOrWithoutItsTablesIsBuiltWhole() throws Exception {
        state(config(), "v1").forget(HADOOP, lake);
        assertEquals(new YearState.Staleness(YearState.Stage.INGEST, "not built before (or its last build did not finish)"),
                now(config(), "v1"));
        state(config(), "v1").record(HADOOP, lake);
        Files.delete(Path.of(LakeTables.yearPartition(lake.matchLinks(), 2013).toUri().getPath()));
        assertEquals(YearState.Stage.INGEST, now(config(), "v1").from());
    }
}
