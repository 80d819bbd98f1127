package org.waymark.screening.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postcode to IMD decile map: read by its header, full postcodes before districts, spacing and case ignored, bad deciles refused. */
class DeprivationMapTest {
    @TempDir
    Path tmp;

    @Test
    void aFullPostcodeIsFoundBeforeItsDistrict() throws Exception {
        Path file = Files.writeString(tmp.resolve("map.csv"), "\uFEFFPostcode,LSOA code,\"Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived)\"\n"
                + "LS1 1AA,E01000001,2\n" + "LS1,,7\n" + "\"m11ae\",E01000002,10\n");
        DeprivationMap map = DeprivationMap.read(file);
        assertEquals(Optional.of(2), map.decile("ls1 1aa"));
        assertEquals(Optional.of(7), map.decile("LS1 9ZZ"), "by the district");
        assertEquals(Optional.of(10), map.decile("M1  1AE"));
        assertEquals(Optional.empty(), map.decile("LS11 1AA"), "LS11 is another district");
        assertEquals(Optional.empty(), map.decile(" "));
        assertEquals(Optional.empty(), DeprivationMap.NONE.decile("LS1 1AA"));
    }

    @Test
    void aDistrictFileIsReadByItsHeader() throws Exception {
        Path file = Files.writeString(tmp.resolve("districts.csv"), "imd_decile,postcode_district,name\n3,WM1,\"Area, one\"\n");
        assertEquals(Optional.of(3), DeprivationMap.read(file).decile("WM1 2AB"));
    }

    @Test
    void aBadDecileOrHeaderIsRefusedNamingTheFile() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "postcode,imd_decile\nLS1 1AA,3\nLS1 1AB,11\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeprivationMap.read(bad));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("'11'"), e.getMessage());
        Path noDecile = Files.writeString(tmp.resolve("rank.csv"), "postcode,imd_rank\nLS1 1AA,300\n");
        e = assertThrows(IllegalArgumentException.class, () -> DeprivationMap.read(noDecile));
        assertTrue(e.getMessage().contains("decile"), e.getMessage());
    }
}
