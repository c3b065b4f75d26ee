/*
 * Bpftrace.g4 -- one line of the output of heapsift's bpftrace capture script
 * (src/main/resources/io/heapsift/capture/heapsift.bt, output format "heapsift-bpftrace 1",
 * docs/formats/bpftrace.md), plus the lines bpftrace itself writes into the same stream.
 *
 * Every line is parsed alone (io.heapsift.ingest.LineParser); the builder joins the lines of a
 * stack block and reorders records by time (bpftrace drains its per-CPU buffers one CPU at a time).
 *
 *   # heapsift-bpftrace 1 target=0 depth=16 hold_ms=1000 clock=monotonic_ns t=123 bpftrace_pid=42   header
 *   # hold pid=4242 ms=1000 t=123                                                comment (any "# ...")
 *   P 4242 123 exec leaky | P 4242 123 attach                                    the target process
 *   A TID T0 T1 malloc SIZE = 0xPTR SID                                          allocation, printed at return
 *   A TID T0 T1 calloc N SIZE = 0xPTR SID
 *   A TID T0 T1 realloc 0xOLD SIZE = 0xPTR SID
 *   A TID T0 T1 reallocarray 0xOLD N SIZE = 0xPTR SID
 *   A TID T0 T1 memalign ALIGN SIZE = 0xPTR SID          (aligned_alloc is memalign in glibc 2.36)
 *   A TID T0 T1 aligned_alloc ALIGN SIZE = 0xPTR SID
 *   A TID T0 T1 posix_memalign ALIGN SIZE = 0xPTR SID RC (the pointer read through the out-parameter)
 *   A TID T0 T1 valloc SIZE = 0xPTR SID | pvalloc
 *   F TID T free 0xPTR                                   free, printed at its entry
 *   C TID T0 T1 malloc_trim PAD = RC | mallopt PARAM VALUE = RC | mallinfo2 = V1 ... V10
 *   T TID T                                              thread exit
 *   X TID T exit_group CODE                              process exit
 *   E T                                                  end of the capture (bpftrace's END)
 *   S SID                                                (v1) a stack block: SID, then one frame per line
 *   S SID N / s SID I 0xADDR SYMBOL                      (v2) stack SID has N frames; frame I (0 = innermost),
 *                                                        each its own line, grouped by SID, in any order
 *   \t55d4f5a9a1b9 main+25 (/path/prog)                  ustack(perf) frame: hex ip, then
 *   \t7f12345678 0x7f12345678 ([unknown])                  "sym+offset (module)" or "0xip ([unknown])"
 *   (empty)                                              ends a stack block; bpftrace's map dump
 *   Attaching 25 probes...                               bpftrace
 *   Lost 17 events                                       bpftrace: the perf buffer overflowed
 *
 * The header's fields are "key=value" pairs with any non-space value (docs/formats/bpftrace.md §3.1:
 * readers accept unknown keys); the builder splits the raw text of `fields`.
 * Numbers are unsigned 64-bit decimal (sizes, ns timestamps, stack ids) or 0x-hex (pointers); return
 * codes may be negative. Symbol text is free (demangled C++); its decomposition into
 * name+offset (module) is done by the builder on the raw text of `symbol`.
 */
grammar Bpftrace;

line
    : record? EOF
    ;

record
    : HASH FORMAT version=NUM fields=text?                      # header
    | HASH text?                                                # comment
    | P pid=NUM t=NUM ATTACH                                    # attach
    | P pid=NUM t=NUM EXEC comm=text?                           # exec
    | A tid=NUM t0=NUM t1=NUM allocation                        # alloc
    | F tid=NUM t=NUM FREE ptr=HEX                              # free
    | C tid=NUM t0=NUM t1=NUM control                           # controlCall
    | T tid=NUM t=NUM                                           # threadExit
    | X tid=NUM t=NUM EXIT_GROUP code=snum                      # exitGroup
    | E t=NUM                                                   # end
    | S sid=NUM count=NUM?                                      # stackHead
    | FRAME_IP symbol=text?                                     # frame
    | SFRAME sid=NUM idx=NUM ip=HEX symbol=text?                # stackFrame
    | ATTACHING n=NUM PROBES ELLIPSIS                           # attaching
    | LOST n=NUM EVENTS                                         # lost
    ;

allocation
    : MALLOC size=NUM EQ ret=HEX sid=NUM                                        # mallocCall
    | CALLOC n=NUM size=NUM EQ ret=HEX sid=NUM                                  # callocCall
    | REALLOC old=HEX size=NUM EQ ret=HEX sid=NUM                               # reallocCall
    | REALLOCARRAY old=HEX n=NUM size=NUM EQ ret=HEX sid=NUM                    # reallocarrayCall
    | name=(MEMALIGN | ALIGNED_ALLOC) align=NUM size=NUM EQ ret=HEX sid=NUM     # memalignCall
    | POSIX_MEMALIGN align=NUM size=NUM EQ ret=HEX sid=NUM rc=snum              # posixMemalignCall
    | name=(VALLOC | PVALLOC) size=NUM EQ ret=HEX sid=NUM                       # vallocCall
    ;

control
    : MALLOC_TRIM pad=NUM EQ rc=snum                        # mallocTrim
    | MALLOPT param=snum value=snum EQ rc=snum              # mallopt
    | MALLINFO2 EQ NUM NUM NUM NUM NUM NUM NUM NUM NUM NUM  # mallinfo
    ;

snum
    : MINUS? NUM
    ;

/** Free text: any tokens to the end of the line (the builder reads the raw characters). */
text
    : .+?
    ;

// ---- tokens: literals first (they win over WORD on equal length), then the generic ones
HASH            : '#' ;
FORMAT          : 'heapsift-bpftrace' ;
A               : 'A' ;
C               : 'C' ;
E               : 'E' ;
F               : 'F' ;
P               : 'P' ;
S               : 'S' ;
T               : 'T' ;
/** Version-2 stack frame record: {@code s SID I 0xADDR SYMBOL} (usym() text, no offset, no module). */
SFRAME          : 's' ;
X               : 'X' ;
ATTACH          : 'attach' ;
EXEC            : 'exec' ;
MALLOC          : 'malloc' ;
CALLOC          : 'calloc' ;
REALLOC         : 'realloc' ;
REALLOCARRAY    : 'reallocarray' ;
MEMALIGN        : 'memalign' ;
ALIGNED_ALLOC   : 'aligned_alloc' ;
POSIX_MEMALIGN  : 'posix_memalign' ;
VALLOC          : 'valloc' ;
PVALLOC         : 'pvalloc' ;
FREE            : 'free' ;
MALLOC_TRIM     : 'malloc_trim' ;
MALLOPT         : 'mallopt' ;
MALLINFO2       : 'mallinfo2' ;
EXIT_GROUP      : 'exit_group' ;
ATTACHING       : 'Attaching' ;
PROBES          : 'probe' 's'? ;
ELLIPSIS        : '...' ;
LOST            : 'Lost' ;
EVENTS          : 'events' ;
EQ              : '=' ;
MINUS           : '-' ;
/** A stack frame line starts with a tab and bpftrace's unpadded, 0x-less hex instruction pointer. */
FRAME_IP        : '\t' [0-9a-fA-F]+ ;
HEX             : '0x' [0-9a-fA-F]+ ;
NUM             : [0-9]+ ;
WORD            : [A-Za-z_] [A-Za-z0-9_]* ;
WS              : [ \t]+ -> channel(HIDDEN) ;
/** Catch-all: the lexer never fails silently; unexpected characters reach the parser as tokens. */
ANY             : . ;
