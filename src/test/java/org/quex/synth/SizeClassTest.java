package org.quex.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeClassTest {
    @Test
    void standard2003NeedsAllThreeBoundsAndHasNoMicro() {
        assertEquals(SizeClass.LARGE, SizeClass.of(2005, 2000, 300_000, 400_000));
        assertEquals(SizeClass.MEDIUM, SizeClass.of(2005, 2000, 299_999, 400_000));
        assertEquals(SizeClass.MEDIUM, SizeClass.of(2005, 300, 30_000, 40_000));
        assertEquals(SizeClass.SMALL, SizeClass.of(2005, 300, 30_000, 39_999));
        assertEquals(SizeClass.SMALL, SizeClass.of(2010, 8, 5_000, 1_000));
    }

    @Test
    void standard2011UsesEmployeesAndRevenueAndAddsMicro() {
        assertEquals(SizeClass.LARGE, SizeClass.of(2011, 1000, 400_000, 0));
        assertEquals(SizeClass.MEDIUM, SizeClass.of(2011, 999, 400_000, 0));
        assertEquals(SizeClass.SMALL, SizeClass.of(2012, 20, 3_000, 0));
        assertEquals(SizeClass.MICRO, SizeClass.of(2012, 19, 900_000, 0));
    }

    @Test
    void aboveTheFloorsTheClassIsFixedByEmployeesSoExportsCannotMoveIt() {
        for (int year : new int[] {2005, 2012}) {
            for (long employees : new long[] {8, 19, 20, 299, 300, 999, 1000, 1999, 2000, 50_000}) {
                long[] floors = SizeClass.floorsForEmployeeBand(year, employees);
                long sales = Math.max(5_000, floors[0]);
                int atFloor = SizeClass.of(year, employees, sales, floors[1]);
                // adding any export to sales keeps the class
                assertEquals(atFloor, SizeClass.of(year, employees, sales + 10_000_000, floors[1]), year + "/" + employees);
            }
        }
    }
}
