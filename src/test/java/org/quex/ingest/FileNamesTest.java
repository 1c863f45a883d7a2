package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quex.SparkTestSession;

/**
 * Raw files named as deliveries name them: spaces, a colon (Hadoop's checksummed local file system
 * cannot open "a:b", it builds the sidecar ".a:b.crc" as a URI), '%', '#' and Chinese characters,
 * in a directory given as input, and a lake whose path has spaces, '#' and Chinese characters.
 */
class FileNamesTest {
    private static final String HEADER = "企业名称,获得年份,荣誉名称,省份,有效期至\n";

    @Test
    void everyNameADeliveryUsesIsRead(@TempDir Path tmp) throws IOException {
        Path in = Files.createDirectories(tmp.resolve("荣誉 名单 #1"));
        List<String> names = List.of("honours 2013:01.csv", "honours 50% #2.csv", "省级 荣誉.csv");
        for (int i = 0; i < names.size(); i++) {
            Files.writeString(in.resolve(names.get(i)), HEADER + "公司" + i + ",2008,中国名牌产品,浙江省,2013\n",
                    StandardCharsets.UTF_8);
        }
        String lake = tmp.resolve("lake 湖 #1").toString();
        IngestJob.Result r = IngestJob.run(SparkTestSession.get(), new IngestJob.Settings("honours", 2013,
                List.of(in.toString()), lake, null, 20, QualityRules.DEFAULTS));
        assertEquals(3, r.read());
        assertEquals(3, r.written());
        assertEquals(List.of("公司0", "公司1", "公司2"), org.quex.lake.PartitionedParquet.read(SparkTestSession.get(),
                new org.quex.lake.LakeTables(lake).raw("honours")).select("firm_name").orderBy("firm_name")
                .collectAsList().stream().map(row -> row.getString(0)).toList());
    }
}
