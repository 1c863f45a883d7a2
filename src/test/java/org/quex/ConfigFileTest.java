package org.quex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void aUserFileNamesOnlyWhatItChangesAndTheRestComesFromThePackedDefaults() throws Exception {
        Path conf = write("# only one threshold\nclean.customs.min_value_usd = 51\n");
        ConfigFile packed = ConfigFile.load(null);
        ConfigFile user = ConfigFile.load(conf.toString());
        assertEquals("51", user.text("clean.customs.min_value_usd"));
        assertEquals("50", packed.text("clean.customs.min_value_usd"));
        assertEquals(packed.text("panel.tfp.method"), user.text("panel.tfp.method"));
        assertEquals(packed.properties().stringPropertyNames(), user.properties().stringPropertyNames());
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheClosestKnownOne() throws Exception {
        Path conf = write("clean.customs.min_valu_usd = 51\n");
        QuexException e = assertThrows(QuexException.class, () -> ConfigFile.load(conf.toString()));
        assertEquals(conf + ": unknown setting clean.customs.min_valu_usd; did you mean clean.customs.min_value_usd?",
                e.getMessage());
    }

    @Test
    void aMissingFileIsOneLine() {
        Path conf = dir.resolve("nope.conf");
        QuexException e = assertThrows(QuexException.class, () -> ConfigFile.load(conf.toString()));
        assertEquals("configuration " + conf + " not found", e.getMessage());
    }

    @Test
    void aBadValueNamesTheUsersFile() throws Exception {
        Path conf = write("panel.tfp.min_rows = twenty\n");
        QuexException e = assertThrows(QuexException.class,
                () -> ConfigFile.load(conf.toString()).integer("panel.tfp.min_rows"));
        assertEquals(conf + ": panel.tfp.min_rows = 'twenty' is not a whole number", e.getMessage());
    }

    private Path write(String text) throws Exception {
        Path conf = dir.resolve("mine.conf");
        Files.writeString(conf, text, StandardCharsets.UTF_8);
        return conf;
    }
}
