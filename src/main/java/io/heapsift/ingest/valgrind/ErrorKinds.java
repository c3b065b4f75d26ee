package io.heapsift.ingest.valgrind;

import java.util.List;
import java.util.Map;

/**
 * Maps the first line of a memcheck error ("Invalid free() / delete / delete[] / realloc()") to the
 * kind name valgrind's XML output uses for it (InvalidFree), so text and XML captures agree.
 */
final class ErrorKinds {

    private ErrorKinds() {
    }

    /** Sentence prefixes in the order they must be tried (longer, more specific ones first). */
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("Invalid free()", "InvalidFree"),
            Map.entry("Mismatched free()", "MismatchedFree"),
            Map.entry("Mismatched new/delete size", "MismatchedAllocateDeallocateSize"),
            Map.entry("Mismatched new[]/delete[] size", "MismatchedAllocateDeallocateSize"),
            Map.entry("Mismatched new/delete alignment", "MismatchedAllocateDeallocateAlignment"),
            Map.entry("Mismatched new[]/delete[] alignment", "MismatchedAllocateDeallocateAlignment"),
            Map.entry("Argument '", "FishyValue"),
            Map.entry("Invalid read of size", "InvalidRead"),
            Map.entry("Invalid write of size", "InvalidWrite"),
            Map.entry("Jump to the invalid address", "InvalidJump"),
            Map.entry("Conditional jump or move depends on uninitialised", "UninitCondition"),
            Map.entry("Use of uninitialised value", "UninitValue"),
            Map.entry("Syscall param", "SyscallParam"),
            Map.entry("Source and destination overlap", "Overlap"),
            Map.entry("realloc() with size 0", "ReallocSizeZero"),
            Map.entry("Invalid alignment value", "InvalidAlignment"),
            Map.entry("Invalid size value", "InvalidSize"),
            Map.entry("Invalid size and alignment", "InvalidSizeAndAlignment"),
            Map.entry("Illegal memory pool address", "InvalidMemPool"),
            Map.entry("Unaddressable byte(s) found during client check request", "ClientCheck"),
            Map.entry("Uninitialised byte(s) found during client check request", "ClientCheck"),
            Map.entry("Open file descriptor", "FdNotClosed"),
            Map.entry("File descriptor", "FdBadClose"));

    /** The kind of an error sentence, or "Unknown". */
    static String of(String what) {
        for (Map.Entry<String, String> e : PREFIXES) {
            if (what.startsWith(e.getKey())) return e.getValue();
        }
        return "Unknown";
    }
}
