package org.quex.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An ingest task hands rows on as it reads them: it never holds a file's rows (or a file's part of them). */
class IngestTaskIteratorTest {
    /** 1, 2, 3 … up to a million (a file's rows), counting the values it has given. */
    private static Iterator<Long> rows(AtomicLong given) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return given.get() < 1_000_000;
            }

            @Override
            public Long next() {
                return given.incrementAndGet();
            }
        };
    }

    @Test
    void aTaskReadsItsFilesOnlyAsFarAsTheWriterHasCome() {
        AtomicLong first = new AtomicLong();
        AtomicLong second = new AtomicLong();
        Iterator<Long> rows = IngestJob.concat(List.of(List.of(7L).iterator(), rows(first), rows(second)));
        assertEquals(7L, rows.next());
        assertEquals(0, first.get());
        assertEquals(1L, rows.next());
        assertEquals(2L, rows.next());
        // a Stream's flatMap(...).iterator() has read the whole part (1,000,000) by now
        assertEquals(2, first.get());
        assertEquals(0, second.get());
    }
}
