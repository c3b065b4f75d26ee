/*
 * valgrind text logs, one physical line at a time: memcheck output (banner, errors, loss records,
 * HEAP / LEAK / ERROR SUMMARY) and the --trace-malloc=yes call lines. Reference: formats.md §2 and §4.
 *
 *   LINE   := PREFIX? BODY
 *   PREFIX := '>'* ( '==' | '--' | '**' ) [DD:HH:MM:SS.mmm ' '] PID ( same marker ) ' '    (one token)
 *           | 'valgrind: '                                                                  (fatal messages)
 *
 * '==' user messages, '--' debug messages (trace-malloc, -v chatter), '**' client messages. The
 * regression-test ".exp" dialect has no prefix, masks addresses as 0x........ and numbers as ... or x.
 *
 * Whitespace is a real token (WS): valgrind's indentation is meaningful (three spaces before a
 * frame, one before an error's auxiliary line, a second space in a split trace result "  = 0x0").
 * Free text (error sentences, -v chatter, client messages, program output) is matched by the last
 * alternative of `body` (the non-greedy wildcards run to the end of the line); ANTLR resolves the ambiguity with the structured alternatives in favour of
 * the earlier alternative, so every structured line keeps its structure.
 */
grammar Valgrind;

// ---------------------------------------------------------------- start rules

/** One log line. */
line      : linePrefix? body EOF ;

/** A line that must be a trace-malloc body: used to position the error in a malformed call. */
traceOnly : linePrefix? traceBody EOF ;

linePrefix : PREFIX | FATAL_PREFIX ;

body
    : traceBody                       # traceLine
    | lossRecord                      # lossRecordLine
    | frame                           # frameLine
    | WS DOTS                         # elidedFramesLine     // ".exp": a stack replaced by "   ..."
    | HEAP_SUMMARY                    # heapHeaderLine
    | heapInUse                       # heapInUseLine
    | heapTotal                       # heapTotalLine
    | LEAK_SUMMARY                    # leakHeaderLine
    | leakKindTotal                   # leakKindLine
    | HEURISTIC_HEADER                # heuristicHeaderLine
    | heuristicTotal                  # heuristicLine
    | errorSummary                    # errorSummaryLine
    | errorContext                    # errorContextLine
    | NO_LEAKS                        # noLeaksLine
    | IDENT BANNER_TAIL               # toolBannerLine       // "Memcheck, a memory error detector"
    | COPYRIGHT .*?                   # copyrightLine
    | USING_VALGRIND versionText LIBVEX   # usingLine
    | COMMAND .*?                     # commandLine
    | PARENT_PID DIGITS               # parentPidLine
    | threadHeader                    # threadHeaderLine
    | fatalSignal                     # fatalSignalLine
    | HINT                            # hintLine
    | CHATTER .*?                     # chatterLine
    | WS?                             # blankLine
    | .+?                             # textLine
    ;

// ---------------------------------------------------------------- --trace-malloc=yes (§4)

/**
 * Calls can be glued ("realloc(0x0,32)malloc(32) = 0x4A41240", "calloc(8589934592,8589934592)malloc(10) = ...",
 * "malloc(18446744073709551615)Argument 'size' of ...") or split: a body " = 0x0" is the result of
 * the most recent open call.
 */
traceBody
    : traceCall+ (traceResult | gluedText)?
    | traceResult
    ;

traceCall   : name=IDENT LPAREN callArgs? RPAREN ;
callArgs    : callArg (COMMA WS? callArg)* ;
callArg
    : HEX                             # ptrArg
    | DIGITS                          # numArg
    | 'size' WS DIGITS                # sizeArg            // 3.19-3.26 aligned new: (size S, al A)
    | 'al' WS DIGITS                  # alArg              // memalign(al A, size S)
    | 'alignment' WS DIGITS           # alignmentArg       // non-Linux memalign(alignment A, size S)
    ;
traceResult : WS EQ WS (HEX | DIGITS) ;
/** Text of another message appended to an unfinished call (the fishy-value error). */
gluedText   : IDENT (~LPAREN .*?)? ;

// ---------------------------------------------------------------- errors and loss records (§2.3, §2.5)

/** "   at 0x48417B4: malloc (in /usr/libexec/valgrind/vgpreload_memcheck-amd64-linux.so)" */
frame       : WS? (AT | BY) WS HEX COLON WS frameDesc ;
/** The function is everything before the LAST " (" group that is a location; it may contain " (" itself. */
frameDesc   : fn=fnText (WS LPAREN location RPAREN)? ;
fnText      : .+? ;
location
    : IN WS objText                   # objLocation        // (in /lib/libc.so.6), (in ???)
    | fileText COLON (DIGITS | DOTS)  # fileLocation       // (leaky.c:23), (vg_replace_malloc.c:...)
    ;
objText     : .+? ;
fileText    : ~(LPAREN | RPAREN | COLON)+ ;

/** "56 (16 direct, 40 indirect) bytes in 1 blocks are definitely lost in loss record 3 of 6", delta forms too. */
lossRecord
    : total=quantity (WS split)? WS 'bytes' WS IN WS blocks=quantity WS 'blocks' WS 'are' WS leakKind
      WS IN WS (NEW WS)? 'loss' WS 'record' WS recordNumber=number WS 'of' WS recordCount=number
    ;
split       : LPAREN direct=quantity WS 'direct' COMMA WS indirect=quantity WS 'indirect' RPAREN ;
leakKind
    : 'definitely' WS 'lost'          # definiteKind
    | 'indirectly' WS 'lost'          # indirectKind
    | 'possibly' WS 'lost'            # possibleKind
    | 'still' WS 'reachable'          # reachableKind
    ;
/** A count with its optional change since the previous leak search: "10 (+10)", "0 (-10)". */
quantity    : number (WS delta)? ;
delta       : LPAREN (PLUS | MINUS) number RPAREN ;
/** Thousands-grouped decimal ("1,414"), or a value the regression-test filter hid ("..." or "x"). */
number
    : DIGITS (COMMA DIGITS)*          # knownNumber
    | (DOTS | 'x')                    # hiddenNumber
    ;

threadHeader : 'Thread' WS DIGITS (WS .+?)? COLON ;
fatalSignal  : 'Process' WS 'terminating' WS 'with' WS 'default' WS 'action' WS 'of' WS 'signal' WS DIGITS
               WS LPAREN signame=IDENT RPAREN .*? ;

// ---------------------------------------------------------------- summaries (§2.4, §2.6, §2.7)

/** "    in use at exit: 1,414 bytes in 13 blocks"; valgrind < 3.5: "malloc/free: in use at exit: ... blocks." */
heapInUse   : (WS | oldLabel WS) IN WS 'use' WS AT WS 'exit' COLON WS bytes=number WS 'bytes' WS IN WS blocks=number
              WS 'blocks' DOT? ;
/** "  total heap usage: 36 allocs, 23 frees, 8,512 bytes allocated" */
heapTotal   : (WS 'total' WS 'heap' WS 'usage' COLON | oldLabel) WS allocs=number WS 'allocs' COMMA WS frees=number
              WS 'frees' COMMA WS allocated=number WS 'bytes' WS 'allocated' DOT? ;
oldLabel    : IDENT SLASH IDENT COLON ;

/** "   definitely lost: 1,144 bytes in 10 blocks" (right-aligned labels; delta forms with leak_check monitor). */
leakKindTotal  : WS? summaryKind COLON WS bytes=quantity WS 'bytes' WS IN WS blocks=quantity WS 'blocks' DOT? ;
summaryKind    : leakKind | 'suppressed' ;
/** "                        stdstring          : 56 bytes in 2 blocks" */
heuristicTotal : WS IDENT WS? COLON WS quantity WS 'bytes' WS IN WS quantity WS 'blocks' ;

errorSummary : 'ERROR' WS 'SUMMARY' COLON WS errors=DIGITS WS 'errors' WS 'from' WS contexts=DIGITS WS 'contexts'
               WS LPAREN 'suppressed' COLON WS DIGITS WS 'from' WS DIGITS RPAREN ;
/** -s / -v re-list every error context after the ERROR SUMMARY: "1 errors in context 1 of 2:" */
errorContext : DIGITS WS 'errors' (WS LPAREN .+? RPAREN)? WS IN WS 'context' WS DIGITS WS 'of' WS DIGITS COLON ;

versionText  : (~LIBVEX)+ ;

// ---------------------------------------------------------------- lexer

PREFIX       : '>'* ( '==' PID_PART '==' | '--' PID_PART '--' | '**' PID_PART '**' ) ' '? ;
FATAL_PREFIX : 'valgrind: ' ;
fragment PID_PART : (D D ':' D D ':' D D ':' D D '.' D D D ' ')? D+ ;
fragment D        : [0-9] ;

// Fixed sentences valgrind prints (each one token, so free text cannot be mistaken for them).
HEAP_SUMMARY     : 'HEAP SUMMARY:' ;
LEAK_SUMMARY     : 'LEAK SUMMARY:' ;
HEURISTIC_HEADER : ' '+ 'of which reachable via heuristic:' ;
NO_LEAKS         : 'All heap blocks were freed -- no leaks are possible' ;
COPYRIGHT        : 'Copyright (C) ' ;
USING_VALGRIND   : 'Using Valgrind-' ;
LIBVEX           : ' and LibVEX; rerun with -h for copyright info' ;
COMMAND          : 'Command:' ;
PARENT_PID       : 'Parent PID: ' ;
BANNER_TAIL      : ', ' ('a' | 'an' | 'the') ' ' [A-Za-z -]+ ;
HINT
    : 'For lists of detected and suppressed errors, rerun with: -s'
    | 'For counts of detected and suppressed errors, rerun with: -v'
    | 'Rerun with --leak-check=full to see details of leaked memory'
    | 'Reachable blocks (those to which a pointer was found) are not shown.'
    | 'To see them, rerun with: --leak-check=full --show-leak-kinds=all'
    | 'For a detailed leak analysis, rerun with: --leak-check=full'
    | 'Use --track-origins=yes to see where uninitialised values come from'
    | 'To see details of leaked memory, give \'full\' arg to leak_check'
    | 'Exit program on first error (--exit-on-first-error=yes)'
    ;
/** Informational messages of -v, gdbserver and the leak_check / who_points_at monitor commands. */
CHATTER
    : 'embedded gdbserver: '
    | 'WARNING: ' | 'Warning: '
    | 'Preferring higher priority redirection:'
    | 'TO CONTROL THIS PROCESS USING vgdb' | 'TO DEBUG THIS PROCESS USING GDB'
    | '(action at startup) vgdb me' | '(action on error) vgdb me'
    | 'Searching for pointers to ' | 'Searching for pointers pointing in ' | 'Checked '
    | '*0x' | 'block at 0x'
    ;

AT     : 'at' ;
BY     : 'by' ;
IN     : 'in' ;
NEW    : 'new' ;
HEX    : '0x' ( [0-9a-fA-F]+ | '.'+ ) ;
DIGITS : [0-9]+ ;
IDENT  : [A-Za-z_] [A-Za-z0-9_]* ;
DOTS   : '...' ;
WS     : [ \t]+ ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA  : ',' ;
COLON  : ':' ;
EQ     : '=' ;
SLASH  : '/' ;
DOT    : '.' ;
PLUS   : '+' ;
MINUS  : '-' ;
/** Anything else, so the lexer never fails. */
ANY    : . ;
