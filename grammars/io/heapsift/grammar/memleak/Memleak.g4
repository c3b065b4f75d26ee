/*
 * bcc memleak output, one physical line at a time (formats.md §1 and §1b).
 *
 * Two tools share the concepts and most of the words:
 *   - the Python tool tools/memleak.py (Debian: memleak-bpfcc), all versions since 2016;
 *   - the C tool libbpf-tools/memleak (2023-03 onwards).
 *
 * Python snapshot mode (default, -a, --combined-only):
 *     Executing './leak 8 1' and tracing the resulting process.          (-c only)
 *     Attaching to pid 7000, Ctrl+C to quit.                             (or: to kernel allocators)
 *     [02:37:23] Top 10 stacks with outstanding allocations:             (HH:MM:SS, zero-padded)
 *     <TAB>addr = 55b86ae42bf0 size = 16                                 (-a: all blocks, before the groups)
 *     <TAB>32 bytes in 2 allocations from stack
 *     <TAB><TAB>0x000055fabea57211<TAB>leaf_alloc+0x18 [leak]            (bcc >= 0.25: IP column)
 *     <TAB><TAB>leaf_alloc+0x18 [leak]                                   (bcc 0.10-0.24, --combined-only)
 *     <TAB><TAB>stack information lost                                   (--combined-only)
 *     <TAB><TAB>b'main+0x6d [allocs]\n\t\t__libc_start_main+0xf0 [libc-2.27.so]'   (bcc < 0.10, Python 3)
 *   Symbols: "name+0xOFF [module]", "name+0xOFF", "[unknown] [module]", "[unknown]", "name [kernel]";
 *   names may be demangled C++ (spaces, <>, (), [abi:cxx11]) or versioned (pthread_create@GLIBC_2.2.5).
 *   The 2016 upstream example indents with spaces instead of tabs: any run of tabs/spaces is an indent.
 *
 * Python -t mode: one Python tuple repr per trace_pipe line,
 *     (b'leak', 7140, 0, b'...11', 427.840967, b'alloc entered, size = 50')
 *   and the raw trace_pipe form of the same message:
 *     leak-19370   [000] ...11   959.741099: bpf_trace_printk: alloc entered, size = 200
 *   The message itself is the rule traceMessage (a second parse of the unquoted tuple string).
 *
 * libbpf-tools:
 *     using default object: libc.so.6 / using page size: 4096 / tracing kernel: false
 *     Tracing outstanding memory allocs...  Hit Ctrl-C to end
 *     [5:22:11] Top 1 stacks with outstanding allocations:               (unpadded, "^C" may precede)
 *     4 bytes in 1 allocations from stack                                (NOT indented)
 *     <TAB>addr = 0x55d0c5f0 size = 4                                    (-a, under its group)
 *     <TAB>0 [<00007f05944c098c>] _Znwm+0x1c [/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30]
 *     <TAB>1 [<0000558508caa1bb>] foo+0x12 /src/a.c:10                   (blazesym: file:line)
 *     <TAB>3 [<00007f0594212d90>] [/usr/lib/x86_64-linux-gnu/libc.so.6]  (syms_cache: DSO only)
 *     <TAB>4 [<b515dd6bd2425100>] <null sym>
 *     <TAB>2 [<00007f0594212d90>] (2 entries)                            (2023 blazesym: inlined chain...)
 *     <TAB><TAB>inner@0x1139 /src/a.c:3                                  (... one line per entry)
 *   A "<TAB><TAB>text" line is a Python frame or a libbpf inlined entry: the builder tells the parser
 *   which tool it is reading through the field libbpfTools.
 *
 * Lexing: a few fixed phrases of the tools are single tokens (they contain spaces, so they never occur
 * inside a symbol name); everything else is small generic tokens. Names, modules, paths and commands
 * are "any tokens" matched non-greedily against what must follow them, so a symbol may contain any
 * character. OTHER catches every remaining character: the lexer never fails.
 */
grammar Memleak;

@parser::members {
    /** True once the builder knows the capture comes from libbpf-tools: "\t\ttext" is then an inlined entry. */
    public boolean libbpfTools;
}

// ------------------------------------------------------------------ line rule (entry point)

line
    : EOF                                                                       #blankLine
    | indent EOF                                                                #blankLine
    | EXECUTING (.)*? TRACING_RESULTING EOF                                     #executingLine
    | (ATTACHING_PID | legacy=ATTACHING_LEGACY_PID) pid=DEC CTRL_C_QUIT EOF     #attachPidLine
    | (ATTACHING_KERNEL | legacy=ATTACHING_LEGACY_KERNEL) EOF                   #attachKernelLine
    | CARET_C? LBRACK h=DEC COLON m=DEC COLON s=DEC TOP top=DEC STACKS_OUTSTANDING EOF   #headerLine
    | indent ADDR_EQ address=addrValue SIZE_EQ size=DEC EOF                     #addrLine
    | indent? bytes=DEC BYTES_IN count=DEC ALLOCATIONS_FROM_STACK EOF           #groupLine
    | TAB index=DEC SP LB_LT ip=hexDigits GT_RB (EOF | SP libbpfSymbol)         #libbpfFrameLine
    | indent ip=HEX0X TAB pySymbol                                              #pyFrameIpLine
    | indent STACK_LOST EOF                                                     #stackLostLine
    | indent stack=BSTR EOF                                                     #pyBytesStackLine
    | traceTuple                                                                #traceTupleLine
    | indent? tracePipe                                                         #tracePipeLine
    | {libbpfTools}? TAB TAB inlineSymbol                                       #inlineEntryLine
    | {!libbpfTools}? indent pySymbol                                           #pyFrameLine
    | CPU_LOST EOF                                                              #lostEventsLine
    | USING_DEFAULT_OBJECT (.)+? EOF                                            #defaultObjectLine
    | USING_PAGE_SIZE DEC EOF                                                   #libbpfLifecycleLine
    | TRACING_KERNEL WORD EOF                                                   #tracingKernelLine
    | TRACING_OUTSTANDING EOF                                                   #tracingOutstandingLine
    | CHILD_CREATED pid=DEC EOF                                                 #childCreatedLine
    | (RECEIVED_GO | SIGNALED_CHILD | REAPED_CHILD) EOF                         #libbpfLifecycleLine
    | DONE EOF                                                                  #doneLine
    | WARNING_STACKS missing=DEC STACKS_INCLUDING collisions=DEC STACKS_CONSIDER EOF   #stackWarningLine
    | TRACEBACK EOF                                                             #tracebackLine
    | (GIVEN_SORT_KEY | SUPPORTED_SORT_KEYS) (.)*? EOF                          #toolErrorLine
    | MIN_MAX_SIZE EOF                                                          #toolErrorLine
    ;

indent : (TAB | SP)+ ;

hexDigits : DEC | HEX ;

/** Python prints "%x" (no 0x), libbpf-tools "%#lx" (0x..., or a bare 0). */
addrValue : DEC | HEX | HEX0X ;

// ------------------------------------------------------------------ Python symbols (BPF.sym with module and offset)

/** "name+0xOFF [module]" | "name+0xOFF" | "[unknown] [module]" | "[unknown]" | "name [kernel]" (2016). */
pySymbol
    : symbolName (PLUS offset=HEX0X)? (SP LBRACK moduleName RBRACK)? EOF
    ;

/** One piece of a bcc < 0.10 bytes-repr stack, after unquoting and splitting at "\n\t\t". */
symbolOnly : pySymbol ;

// a name never starts with blank space (that belongs to the indent) and is matched as short as possible
symbolName : ~(TAB | SP) (~TAB)*? ;

moduleName : (~(RBRACK | TAB))+ ;

// ------------------------------------------------------------------ libbpf-tools symbols

libbpfSymbol
    : NULL_SYM EOF                                                              #nullSymbol
    | LBRACK moduleName RBRACK EOF                                              #dsoOnlySymbol
    | LPAREN entries=DEC ENTRIES EOF                                            #inlineChainSymbol
    | symbolName PLUS offset=HEX0X (SP LBRACK moduleName RBRACK)? EOF           #cacheSymbol
    | symbolName PLUS offset=HEX0X SP location EOF                              #blazeSymbol
    ;

/** 2023 blazesym inlined entry: "sym@0xSTART path:line" | "sym@0xSTART". */
inlineSymbol
    : symbolName AT start=HEX0X (SP location)? EOF
    ;

/** "file:line" (LINE may be 0 when blazesym printed the module path instead of a source file). */
location : pathText COLON fileLine=DEC ;

pathText : ~(TAB | SP) (~TAB)*? ;

// ------------------------------------------------------------------ -t trace lines

/** print(bpf.trace_fields()): (task, tid, cpu, flags, ts, msg) as a Python tuple repr. */
traceTuple
    : LPAREN task=BSTR COMMA_SP tid=DEC COMMA_SP cpu=DEC COMMA_SP flags=BSTR COMMA_SP
      ts=(FLOAT | DEC) COMMA_SP msg=BSTR RPAREN EOF
    ;

/** Raw trace_pipe: "<comm>-<tid> [(<tgid>)] [<cpu>] <flags> <ts>: bpf_trace_printk: <msg>". */
tracePipe
    : commText DASH tid=DEC SP (LPAREN (~RPAREN)+ RPAREN SP)? LBRACK cpu=DEC RBRACK SP
      (~SP)+ SP ts=FLOAT COLON SP (WORD | HEX0X) COLON SP traceMessage
    ;

commText : ~(SP | TAB) (.)*? ;

/** The bpf_trace_printk messages of memleak (also the entry rule for a tuple's unquoted msg). */
traceMessage
    : ALLOC_ENTERED size=DEC EOF                                                #allocEntered
    | ALLOC_EXITED size=DEC RESULT_EQ result=hexDigits (FRAMES_EQ frames=DEC)? EOF   #allocExited
    | FREE_ENTERED address=hexDigits COMMA_SIZE_EQ size=DEC EOF                 #freeEntered
    ;

// ================================================================== lexer

// fixed phrases first: on a tie of length the earlier rule wins
EXECUTING               : 'Executing \'' ;
TRACING_RESULTING       : '\' and tracing the resulting process.' ;
ATTACHING_PID           : 'Attaching to pid ' ;
ATTACHING_LEGACY_PID    : 'Attaching to malloc and free in pid ' ;
ATTACHING_KERNEL        : 'Attaching to kernel allocators, Ctrl+C to quit.' ;
ATTACHING_LEGACY_KERNEL : 'Attaching to kmalloc and kfree, Ctrl+C to quit.' ;
CTRL_C_QUIT             : ', Ctrl+C to quit.' ;
TOP                     : '] Top ' ;
STACKS_OUTSTANDING      : ' stacks with outstanding allocations:' ;
ADDR_EQ                 : 'addr = ' ;
SIZE_EQ                 : ' size = ' ;
BYTES_IN                : ' bytes in ' ;
ALLOCATIONS_FROM_STACK  : ' allocations from stack' ;
STACK_LOST              : 'stack information lost' ;
NULL_SYM                : '<null sym>' ;
ENTRIES                 : ' entries)' ;
ALLOC_ENTERED           : 'alloc entered, size = ' ;
ALLOC_EXITED            : 'alloc exited, size = ' ;
RESULT_EQ               : ', result = ' ;
FRAMES_EQ               : ', frames = ' ;
FREE_ENTERED            : 'free entered, address = ' ;
COMMA_SIZE_EQ           : ', size = ' ;
CPU_LOST                : 'CPU:' [0-9]+ ' [LOST ' [0-9]+ ' EVENTS]' ;
USING_DEFAULT_OBJECT    : 'using default object: ' ;
USING_PAGE_SIZE         : 'using page size: ' ;
TRACING_KERNEL          : 'tracing kernel: ' ;
TRACING_OUTSTANDING     : 'Tracing outstanding memory allocs...  Hit Ctrl-C to end' ;
CHILD_CREATED           : 'child created with pid: ' ;
RECEIVED_GO             : 'received go event. executing child command' ;
SIGNALED_CHILD          : 'signaled child process' ;
REAPED_CHILD            : 'reaped child process' ;
DONE                    : 'done' ;
WARNING_STACKS          : 'WARNING: ' ;
STACKS_INCLUDING        : ' stack traces could not be displayed due to memory shortage, including ' ;
STACKS_CONSIDER         : ' caused by hash collisions. Consider increasing --stack-storage-size.' ;
TRACEBACK               : 'Traceback (most recent call last):' ;
GIVEN_SORT_KEY          : 'Given sort_key:' ;
SUPPORTED_SORT_KEYS     : 'Supporting sort key list:' ;
MIN_MAX_SIZE            : 'min_size (-z) can\'t be greater than max_size (-Z)' ;
CARET_C                 : '^C' ;
LB_LT                   : '[<' ;
GT_RB                   : '>]' ;
COMMA_SP                : ', ' ;

/** A Python str/bytes literal as repr() writes it (b prefix optional: Python 2 and 'Unknown' placeholders). */
BSTR
    : 'b'? '\'' (~['\\\r\n] | '\\' ~[\r\n])* '\''
    | 'b'? '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
    ;

HEX0X  : '0x' [0-9a-fA-F]+ ;
FLOAT  : [0-9]+ '.' [0-9]+ ([eE] [+-]? [0-9]+)? ;
DEC    : [0-9]+ ;
HEX    : [0-9a-f]+ ;
WORD   : [A-Za-z_] [A-Za-z0-9_]* ;

TAB    : '\t' ;
SP     : ' '+ ;
LBRACK : '[' ;
RBRACK : ']' ;
LPAREN : '(' ;
RPAREN : ')' ;
COLON  : ':' ;
PLUS   : '+' ;
DASH   : '-' ;
AT     : '@' ;

/** Any other single character (never a lexer error). */
OTHER  : . ;
