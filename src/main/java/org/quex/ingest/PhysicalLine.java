package org.quex.ingest;

/** One line of a raw file as stored: 1-based number and decoded text without its line ending. */
public record PhysicalLine(long number, String text) {
}
