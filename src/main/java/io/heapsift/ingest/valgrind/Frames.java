package io.heapsift.ingest.valgrind;

import io.heapsift.event.Frame;
import io.heapsift.grammar.valgrind.ValgrindParser.FileLocationContext;
import io.heapsift.grammar.valgrind.ValgrindParser.FrameContext;
import io.heapsift.grammar.valgrind.ValgrindParser.FrameDescContext;
import io.heapsift.grammar.valgrind.ValgrindParser.LocationContext;
import io.heapsift.grammar.valgrind.ValgrindParser.ObjLocationContext;

/**
 * Turns a frame line ({@code at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)})
 * into a {@link Frame}: function as printed (demangled C++ with its arguments, {@code ???},
 * {@code (below main)}), module = the object path of an {@code (in OBJ)} location, file and line of a
 * {@code (file:line)} location, and the IP (0 when masked as {@code 0x........}).
 */
final class Frames {

    private Frames() {
    }

    static Frame of(FrameContext f) {
        long ip = Numbers.pointer(f.HEX().getSymbol());
        if (ip == io.heapsift.event.TraceEvent.NO_ADDRESS) ip = 0;
        FrameDescContext d = f.frameDesc();
        String fn = Texts.of(d.fn);
        LocationContext loc = d.location();
        if (loc instanceof ObjLocationContext obj) {
            return new Frame(fn, -1, Texts.of(obj.objText()), null, 0, ip);
        }
        if (loc instanceof FileLocationContext file) {
            int line = 0;
            if (file.DIGITS() != null) {
                long n = Numbers.decimal(file.DIGITS().getSymbol());
                line = n > Integer.MAX_VALUE || n < 0 ? 0 : (int) n;
            }
            return new Frame(fn, -1, null, Texts.of(file.fileText()), line, ip);
        }
        return new Frame(fn, -1, null, null, 0, ip);
    }
}
