package io.heapsift.ingest.memleak;

import io.heapsift.event.Frame;
import io.heapsift.grammar.memleak.MemleakParser;
import io.heapsift.grammar.memleak.MemleakParser.BlazeSymbolContext;
import io.heapsift.grammar.memleak.MemleakParser.CacheSymbolContext;
import io.heapsift.grammar.memleak.MemleakParser.DsoOnlySymbolContext;
import io.heapsift.grammar.memleak.MemleakParser.LibbpfSymbolContext;
import io.heapsift.grammar.memleak.MemleakParser.LocationContext;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Turns the symbol part of a frame line into a {@link Frame}, keeping what the tool printed: the name
 * as printed (demangled only if the tool demangled it), the offset, the module (basename for the Python
 * tool, full path for libbpf-tools), source file:line (blazesym) and the IP when the line has one.
 */
final class FrameDecoder {

    private FrameDecoder() {
    }

    /** The exact input text a rule matched (code-point safe). */
    static String text(ParserRuleContext c) {
        if (c == null || c.stop == null || c.stop.getStopIndex() < c.start.getStartIndex()) return null;
        return c.start.getInputStream().getText(Interval.of(c.start.getStartIndex(), c.stop.getStopIndex()));
    }

    /** Python BPF.sym(): "name+0xOFF [module]", "name+0xOFF", "[unknown] [module]", "[unknown]", "name [module]". */
    static Frame python(MemleakParser.PySymbolContext c, long ip) throws Values.BadValue {
        return new Frame(text(c.symbolName()), offset(c.offset), text(c.moduleName()), null, 0, ip);
    }

    /** libbpf-tools frame text after "[<ip>] " (null: the earliest versions printed nothing after the IP). */
    static Frame libbpf(LibbpfSymbolContext c, long ip) throws Values.BadValue {
        if (c instanceof CacheSymbolContext s) {
            return new Frame(text(s.symbolName()), offset(s.offset), text(s.moduleName()), null, 0, ip);
        }
        if (c instanceof BlazeSymbolContext s) {
            return located(text(s.symbolName()), offset(s.offset), s.location(), ip);
        }
        if (c instanceof DsoOnlySymbolContext s) {
            return new Frame(Frame.UNKNOWN_FUNCTION, -1, text(s.moduleName()), null, 0, ip);
        }
        // "<null sym>" and a bare IP: the tool had no symbol for this address
        return new Frame(Frame.UNKNOWN_FUNCTION, -1, null, null, 0, ip);
    }

    /** 2023 blazesym inlined entry "sym@0xSTART path:line" belonging to the frame at {@code ip}. */
    static Frame inlined(MemleakParser.InlineSymbolContext c, long ip) throws Values.BadValue {
        long start = Values.hex(c.start);
        long off = ip != 0 && Long.compareUnsigned(ip, start) >= 0 ? ip - start : -1;
        return located(text(c.symbolName()), off, c.location(), ip);
    }

    /** blazesym prints the source file when it knows one, else the module path with line 0. */
    private static Frame located(String name, long off, LocationContext loc, long ip) throws Values.BadValue {
        if (loc == null) return new Frame(name, off, null, null, 0, ip);
        String where = text(loc.pathText());
        long line = Values.dec(loc.fileLine);
        if (line == 0) return new Frame(name, off, where, null, 0, ip);
        return new Frame(name, off, null, where, line > Integer.MAX_VALUE ? 0 : (int) line, ip);
    }

    private static long offset(Token t) throws Values.BadValue {
        return t == null ? -1 : Values.hex(t);
    }
}
