package main

// usage is -h. The options are bpftrace's; where one means something else
// here, its line says so.
const usage = `USAGE:
    bpfscript [options] -e 'program' [args...]
    bpfscript [options] FILE [args...]
    bpfscript [options] - [args...]      (program on standard input)
    bpfscript fmt [-w] [FILE...]         (print programs in their canonical layout)
    bpfscript [options] [-i] [args...]   (the interactive shell: with no program on a
                                          terminal, or -i; :help there lists its commands)

OPTIONS:
    -e PROGRAM           the program to run
    -c, --cmd COMMAND    run COMMAND (its pid is cpid), trace, and stop when it exits
    -o, --output FILE    write program output to FILE
    -f FORMAT            output format: text (the default) or json (one JSON object a line)
    -B MODE              output buffering: none, line or full; without -B, output is
                         written as soon as the events at hand are handled
    -i                   start the interactive shell (the default with no program on a terminal)
    -q, --quiet          quiet: do not print "Attached N probes"
    -v, --verbose        verbose: whole verifier logs on errors
    -d STAGE[,STAGE]     print compilation stages and exit: ast, types, ir, asm, verifier,
                         or all; may be repeated
    --dry-run            compile and load into the verifier, attach nothing (bpftrace
                         attaches too, then exits)
    --unsafe             allow the functions that change the system (system, signal, ...)
    --no-warnings        print no warnings
    -I DIR               search DIR for #include headers; may be repeated
    --include FILE       #include FILE before the program; may be repeated
    -k                   accepted for bpftrace's sake: helper errors are not reported yet
    -b, --btf            accepted for bpftrace's sake: the kernel's BTF is used when present
    --info               print the kernel features bpfscript uses, as found here
    --metrics ADDR       serve the maps as Prometheus metrics on ADDR/metrics while the
                         program runs (bpfscript-metrics --help tells its options)
    --fmt FILE           print FILE in its canonical layout: bpfscript fmt FILE
    -V, --version        print the version
    -h, --help           this help

    A long option may be shortened to any unambiguous prefix (--unsa); "--" ends
    the options. A negative number is a parameter, not an option.
    -l (listing probes) and -p PID are not supported yet.

EXAMPLES:
    bpfscript -e 'tracepoint:syscalls:sys_enter_openat { printf("%s %s\n", comm, str(args.filename)); }'
    bpfscript -e 'tracepoint:raw_syscalls:sys_enter { @[comm] = count(); }'
    bpfscript -e 'tracepoint:syscalls:sys_exit_read /pid == $1/ { @ = hist(args.ret); }' 1234
`
