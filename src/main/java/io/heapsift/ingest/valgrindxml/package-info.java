/**
 * Ingest of valgrind memcheck's XML output ({@code --xml=yes}, protocols 4, 5 and 6), format id
 * {@code valgrind-memcheck-xml}.
 *
 * <p>The document is streamed with a hardened StAX reader (no DTD, no external entities, coalescing),
 * one top-level element at a time; no DOM is built. {@link io.heapsift.ingest.valgrindxml.XmlTextReader}
 * feeds the parser: it decodes UTF-8 leniently, replaces characters XML forbids, counts physical lines,
 * drops text before the document, and stops the parser at {@code </valgrindoutput>} so that whatever
 * follows (a second, interleaved document, or stray stderr text) can be judged. Loss records become
 * {@link io.heapsift.event.LeakRecord}s, other errors {@link io.heapsift.event.ToolError}s, and the
 * protocol-6 summaries {@link io.heapsift.event.HeapSummary} / {@link io.heapsift.event.LeakSummary}.
 * No ANTLR grammar: XML is parsed by the JDK's parser.
 */
package io.heapsift.ingest.valgrindxml;
