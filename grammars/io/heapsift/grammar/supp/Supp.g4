/*
 * valgrind suppression files (valgrind manual §2.5 "Suppressing errors"), as written by
 * --gen-suppressions=all and by hand:
 *
 *   {
 *      <a name>
 *      Memcheck:Leak                        tool:kind (several tools: Memcheck,Helgrind:Race)
 *      <extra line>                         only some kinds have one (Memcheck:Param → "write(buf)")
 *      match-leak-kinds: definite,possible  optional, leak suppressions only
 *      fun:malloc                           frame patterns, innermost first: fun:, obj:, src: (3.20+)
 *      obj:*libc*                           with * and ? wildcards,
 *      ...                                  and "..." = any number of frames (zero included)
 *   }
 *
 * One frame pattern or header item per line; blank lines and '#' comment lines anywhere. The
 * meaning of each line (which one is the name, the kind, the extra line) is positional and is
 * checked by io.heapsift.gate.SuppFileParser, which also reports a bad block as file:line:col.
 */
grammar Supp;

file        : NL* (suppression NL*)* EOF ;

suppression : LBRACE NL+ name=TEXT NL+ kind=TEXT NL+ (extra=TEXT NL+)? (kinds=KINDS NL+)? (frame NL+)* RBRACE ;

frame       : FUN       # funFrame
            | OBJ       # objFrame
            | SRC       # srcFrame
            | ELLIPSIS  # anyFrames
            ;

// Earlier rules win ties of equal length, so the frame prefixes come before TEXT.
COMMENT  : [ \t]* '#' ~[\r\n]* -> skip ;
WS       : [ \t]+ -> skip ;
NL       : '\r'? '\n' ;
LBRACE   : '{' ;
RBRACE   : '}' ;
ELLIPSIS : '...' [ \t]* ;
KINDS    : 'match-leak-kinds:' ~[\r\n]* ;
FUN      : 'fun:' ~[\r\n]* ;
OBJ      : 'obj:' ~[\r\n]* ;
SRC      : 'src:' ~[\r\n]* ;
TEXT     : ~[ \t\r\n{}#] ~[\r\n]* ;
