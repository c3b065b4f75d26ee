/*
 * One line of ltrace output (0.7.3 as in Debian, and the post-0.7.3 git tree a.k.a. 0.7.91/0.8.x).
 * Authority: ltrace output.c / handle_event.c / summary.c / lens_default.c (see
 * shared/design/formats.md §5) and the real captures under fixtures/ltrace/.
 *
 *   LINE    := PREFIX BODY | SUMMARY | REPORT | FRAME | (blank)
 *   PREFIX  := [ "[pid N] " | "N " ]          -f on stderr / with -o FILE (no brackets)
 *              [ "  0.000152 " ]              -r: delta since the previous line ("%3lu.%06d ")
 *              [ "HH:MM:SS" ["." uuuuuu] " " | "EPOCH.uuuuuu " ]   -t / -tt / -ttt
 *              [ "[0x55d...] " | "[(nil)] " ]  -i: return address (calls) or instruction pointer
 *              [ indentation ]                -n N: spaces by nesting depth (plain whitespace here)
 *   BODY    := CALL "(" ARGS ") " PAD "= " RET [" <S.UUUUUU>"]     completed call (-T duration)
 *            | CALL "(" ARGS " <unfinished ...>"                   open call (another line had to be
 *            | CALL "(" ARGS " <no return ...>"                     written before it returned)
 *            | "<... " NAME " resumed> " [REST_ARGS] ") " PAD "= " RET [dur]
 *            | "+++ exited (status N) +++" | "+++ killed by SIG +++"
 *            | "--- SIG (strsignal text) ---" | "--- Called exec() ---"
 *            | "unexpected breakpoint at 0x..."
 *   CALL    := [CALLER "->"] NAME ["@" LIB]   CALLER: soname whose PLT was hit (-e/-l);
 *                                             "@LIB": entry breakpoint (-x), also "@SYS" syscalls
 *   NAME    := mangled or (-C) demangled name; a demangled name contains parentheses itself
 *              ("operator new[](unsigned long)"), so the argument list is the LAST top-level group:
 *              funcName takes groups as long as another group follows. Arguments never contain a
 *              bare parenthesis (strings are single tokens, NULL prints as 0, nil or NULL).
 *   SUMMARY := the -c table ("% time ...", dashes, rows, "total")
 *   REPORT  := "[FILE:LINE: ]error: ..." / "warning: ..." / "DEBUG: ..." (ltrace's own, no prefix)
 *   FRAME   := -w stack frames after a completion line (0.7.3 libunwind "\t\t\tfn (ip = 0x...)";
 *              post-0.7.3 " > lib(sym+0xoff) [0xip]", " > lib(???) [0xip]", " > Error: msg",
 *              libdw " > mod(sym+0xoff) [pc]" and "\tfile:line[:col]", " > [...]")
 *
 * Spaces are hidden (padding and -n indentation carry no meaning); tabs are visible because the
 * -w frame forms start with them. ltrace's bare stderr messages (ptrace failures, "N couldn't
 * continue ...") and the traced program's own output are NOT lines of this grammar: the ingest
 * code classifies the rejected lines.
 */
grammar Ltrace;

line
    : prefix body EOF            # traceLine
    | summary EOF                # summaryLine
    | report EOF                 # reportLine
    | frame EOF                  # frameLine
    | EOF                        # blankLine
    ;

// ---------------------------------------------------------------- prefixes

prefix
    : pid? times? ip=IP_PREFIX?
    ;

pid
    : PID_PREFIX                 // "[pid 123] "  (-f, trace on stderr)
    | INT                        // "123 "        (-o FILE with -f or -p)
    ;

times
    : clock=CLOCK                        // -t / -tt
    | first=FLOAT (second=FLOAT | clock=CLOCK)?   // -r and/or -ttt (-r is printed first)
    ;

// ---------------------------------------------------------------- bodies

body
    : callHead LPAREN args? RPAREN EQ retval DURATION?                          # callDone
    | callHead LPAREN args? (UNFINISHED | NO_RETURN)                            # callOpen
    | RESUMED_OPEN funcName RESUMED_CLOSE (COMMA? args)? RPAREN EQ retval DURATION?  # callResumed
    | EXITED MINUS? INT RPAREN PLUS3                                            # exited
    | KILLED NAME PLUS3                                                         # killed
    | DASHES NAME LPAREN textAtom* RPAREN DASHES                                # signal
    | CALLED_EXEC                                                               # exec
    | UNEXPECTED_BP HEX                                                         # unexpectedBreakpoint
    ;

callHead
    : (caller=NAME ARROW)? funcName (AT lib=NAME)?
    ;

funcName
    : nameAtom+
    ;

nameAtom
    : NAME | INT | LT | GT | PLUS | MINUS | OP | COLON | COMMA | EQ | ELLIPSIS
    | LBRACK | RBRACK | LBRACE | RBRACE
    | nameGroup
    ;

nameGroup
    : LPAREN nameAtom* RPAREN
    ;

args
    : arg (COMMA arg)*
    ;

arg
    : argAtom+
    ;

argAtom
    : HEX | INT | FLOAT | STRING | CHAR | NAME | VOID | ELLIPSIS
    | LT | GT | PLUS | MINUS | OP | EQ | COLON | AT | IP_PREFIX
    | LBRACE args? RBRACE
    | LBRACK args? RBRACK
    ;

retval
    : argAtom*
    ;

textAtom
    : NAME | INT | FLOAT | HEX | MINUS | PLUS | OP | COLON | COMMA | LT | GT | EQ | ELLIPSIS
    ;

// ---------------------------------------------------------------- -c summary table

summary
    : SUMMARY_HEAD                               # summaryHeader
    | DASHES+                                    # summaryRule
    | FLOAT FLOAT INT? INT funcName              # summaryRow   // also "100.00 0.001 28 total"
    ;

// ---------------------------------------------------------------- ltrace's own reports

report
    : (reportFile COLON INT COLON)? SEVERITY anyToken*
    ;

reportFile
    : (NAME | OP | MINUS | PLUS | INT | FLOAT)+
    ;

anyToken
    : .
    ;

// ---------------------------------------------------------------- -w stack frames

frame
    : TAB NAME? LPAREN NAME EQ HEX RPAREN                  # frame073          // "(ip = 0x...)"
    | GT frameModule LPAREN frameInner* RPAREN frameAddr   # frameUnwound
    | GT NAME COLON anyToken*                              # frameError        // " > Error: msg"
    | GT LBRACK ELLIPSIS RBRACK                            # frameCut          // " > [...]"
    | TAB frameFile (COLON INT (COLON INT)?)?              # frameSource       // libdw "\tfile:line:col"
    ;

frameModule
    : (NAME | OP | MINUS | PLUS | INT | FLOAT | DASHES)+
    | LPAREN NAME RPAREN                                   // "(null)"
    ;

frameInner
    : NAME | INT | HEX | OP | PLUS | MINUS | LT | GT | COLON | COMMA | ELLIPSIS
    | LBRACK | RBRACK
    | LPAREN frameInner* RPAREN
    ;

frameAddr
    : IP_PREFIX                                            // "[0x7f...]" (libunwind)
    | LBRACK (INT | NAME | HEX)+ RBRACK                    // "[7f...]"   (libdw: hex without 0x)
    ;

frameFile
    : (NAME | OP | MINUS | PLUS | INT | FLOAT)+
    ;

// ================================================================ lexer

PID_PREFIX    : '[pid ' DIGIT+ ']' ;
IP_PREFIX     : '[0x' HEXDIGIT+ ']' | '[(nil)]' ;
UNFINISHED    : '<unfinished ...>' ;
NO_RETURN     : '<no return ...>' ;
RESUMED_OPEN  : '<... ' ;
RESUMED_CLOSE : ' resumed>' ;
VOID          : '<void>' ;
DURATION      : '<' DIGIT+ '.' DIGIT+ '>' ;
EXITED        : '+++ exited (status' ;
KILLED        : '+++ killed by' ;
PLUS3         : '+++' ;
CALLED_EXEC   : '--- Called exec() ---' ;
DASHES        : '---' '-'* ;
UNEXPECTED_BP : 'unexpected breakpoint at' ;
SEVERITY      : ('error' | 'warning' | 'DEBUG') ': ' ;
SUMMARY_HEAD  : '% time' ~[\r\n]* ;

CLOCK  : DIGIT DIGIT ':' DIGIT DIGIT ':' DIGIT DIGIT ('.' DIGIT+)? ;
HEX    : '0x' HEXDIGIT+ ;
FLOAT  : DIGIT+ '.' DIGIT+ ;
INT    : DIGIT+ ;
// sonames and symbols: "libstdc++.so.6", "ld-linux-x86-64.so.2", "_ZnwmSt11align_val_t";
// '-' or '+' only between name characters, so "leaky->malloc" is NAME ARROW NAME
NAME   : NAMESTART NAMECHAR* (('-' | '+'+) NAMECHAR+)* ;
STRING : '"' (ESC | ~["\\\r\n])* '"' ;
CHAR   : '\'' (ESC | ~['\\\r\n]) '\'' ;

ELLIPSIS : '...' ;
ARROW    : '->' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACK   : '[' ;
RBRACK   : ']' ;
LBRACE   : '{' ;
RBRACE   : '}' ;
COMMA    : ',' ;
COLON    : ':' ;
AT       : '@' ;
EQ       : '=' ;
LT       : '<' ;
GT       : '>' ;
PLUS     : '+' ;
MINUS    : '-' ;
OP       : [*&~!%^|/?#;.] ;
TAB      : '\t'+ ;
WS       : ' '+ -> channel(HIDDEN) ;
UNRECOGNIZED : . ;

fragment DIGIT     : [0-9] ;
fragment HEXDIGIT  : [0-9a-fA-F] ;
fragment NAMESTART : [A-Za-z_$] ;
fragment NAMECHAR  : [A-Za-z0-9_.$] ;
fragment ESC       : '\\' ([0-7] [0-7]? [0-7]? | ~[\r\n0-7]) ;
