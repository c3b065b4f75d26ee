package io.heapsift.report;

import io.heapsift.ingest.ParseSummary;
import io.heapsift.table.TableResult;

/** What the table writers render: the ingest accounting and the table of one trace. */
public record TableReport(ParseSummary parse, TableResult table) {
}
