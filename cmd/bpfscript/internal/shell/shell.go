package shell

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bpfscript/bpfscript"
	"github.com/bpfscript/bpfscript/runtime"
	"github.com/bpfscript/bpfscript/runtime/attach"
	"github.com/peterh/liner"
)

// Config is what the command line gives the shell.
type Config struct {
	// Options apply to every block and statement (Params are $1..$N).
	Options bpfscript.Options
	// JSON starts with JSON output (-f json); :json switches.
	JSON bool
	// Output receives the probes' output and the maps (-o FILE); nil
	// means the terminal.
	Output io.Writer
	// Verbose shows whole verifier logs on errors.
	Verbose bool
	// Banner, when set, is printed above the first prompt.
	Banner string
	// NoWarnings hides the compile warnings of what is typed
	// (--no-warnings).
	NoWarnings bool
}

const (
	prompt         = "bpfscript> "
	continuePrompt = "       ... "
	historyFile    = ".bpfscript_history"
)

// block is a program typed or loaded into the shell and still attached.
type block struct {
	id  int
	src string
	att *bpfscript.Attachment
}

// shell is one interactive session.
type shell struct {
	ln      *liner.State
	screen  *screen
	sink    *sink
	sess    *bpfscript.Session
	stats   io.Closer // BPF run counting, for :probes; nil if the kernel refused
	history string    // the history file; "" when there is no home

	blocks     []*block // attached, in the order they were added
	nextID     int
	nextSync   int
	pending    string         // the lines of an incomplete block
	sigint     chan os.Signal // Ctrl-C while no prompt is shown (it is a key at the prompt)
	noWarnings bool

	// macros are the chunks that defined macros alone, in order: :save
	// writes them before the blocks that may call them.
	macros []macroChunk

	// busy is held while a line is handled, not while the prompt waits:
	// exit() called by a probe ends the shell from the prompt.
	busy sync.Mutex
}

// Run runs the shell on the process's terminal until Ctrl-D, :quit or
// exit() and returns the exit code. As a script does at its end, the end
// probes of the blocks still attached run and every map is printed. When
// a probe calls exit() while the prompt waits, the process exits from Run
// with the code given to exit().
func Run(cfg Config) int {
	scr := &screen{w: os.Stdout}
	out := cfg.Output
	if out == nil {
		out = scr
	}
	sh := &shell{screen: scr, nextID: 1, nextSync: 1, noWarnings: cfg.NoWarnings}
	sh.sink = newSink(scr, out, scr, cfg.JSON)
	// Ctrl-C outside the prompt (while a statement prints) must not end
	// the process: it is caught from the start.
	sh.sigint = make(chan os.Signal, 1)
	signal.Notify(sh.sigint, syscall.SIGINT)
	defer signal.Stop(sh.sigint)
	sh.sess = bpfscript.NewSession(cfg.Options, runtime.Options{
		Sink: sh.sink, Quiet: true, Verbose: cfg.Verbose, ChildPID: cfg.Options.ChildPID,
		Closer: &attach.Closer{},
	})
	if st, err := bpfscript.EnableStats(); err == nil {
		sh.stats = st
	}
	comp := &completer{sess: sh.sess, pending: func() string { return sh.pending }}

	sh.ln = liner.NewLiner()
	sh.ln.SetCtrlCAborts(true)
	sh.ln.SetTabCompletionStyle(liner.TabPrints)
	sh.ln.SetWordCompleter(comp.complete)
	if home, err := os.UserHomeDir(); err == nil {
		sh.history = filepath.Join(home, historyFile)
		if f, err := os.Open(sh.history); err == nil {
			sh.ln.ReadHistory(f)
			f.Close()
		}
	}
	if cfg.Banner != "" {
		fmt.Fprintln(scr, cfg.Banner)
	}
	return sh.loop()
}

// loop reads lines until the shell ends.
func (sh *shell) loop() int {
	sh.busy.Lock()
	go sh.watchExit()
	for {
		sh.busy.Unlock()
		p := prompt
		if sh.pending != "" {
			p = continuePrompt
		}
		sh.screen.setPrompting(true)
		line, err := sh.ln.Prompt(p)
		sh.busy.Lock()
		sh.screen.setPrompting(false)
		switch {
		case errors.Is(err, liner.ErrPromptAborted):
			sh.interrupt()
			continue
		case errors.Is(err, io.EOF):
			fmt.Fprintln(sh.screen)
			return sh.finish()
		case err != nil:
			fmt.Fprintf(sh.screen, "bpfscript: reading the terminal: %v\n", err)
			return sh.finish()
		}
		if strings.TrimSpace(line) != "" {
			sh.ln.AppendHistory(line)
		}
		if sh.pending == "" && strings.HasPrefix(strings.TrimSpace(line), ":") {
			if sh.command(strings.TrimSpace(line)) {
				return sh.finish()
			}
		} else {
			sh.take(line)
		}
		select {
		case <-sh.sess.Done():
			// A probe called exit(): the session ends as a script does.
			return sh.finish()
		default:
		}
	}
}

// watchExit ends the shell when a probe calls exit() while the prompt
// waits for a line, as the script would end: end probes, then maps. The
// prompt cannot be interrupted, so the process exits from here.
func (sh *shell) watchExit() {
	<-sh.sess.Done()
	sh.busy.Lock() // the loop waits at the prompt, or has ended
	sh.screen.setPrompting(false)
	fmt.Fprint(os.Stdout, "\r\x1b[K")
	os.Exit(sh.finish())
}

// take adds a typed line to the chunk being typed and runs the chunk once
// it is whole.
func (sh *shell) take(line string) {
	sh.pending += line + "\n"
	src := sh.pending
	switch classify(src) {
	case incompleteChunk:
		return
	case programChunk:
		if onlyMacros(src) {
			sh.define(src)
		} else {
			sh.addBlock(src, "")
		}
	case statementChunk:
		sh.runStatement(src)
	}
	sh.pending = ""
}

// addBlock attaches a program; filename names it in errors (:load).
func (sh *shell) addBlock(src, filename string) {
	att, err := sh.sess.Add(src)
	if err != nil {
		sh.showError(err, src, filename, 0)
		return
	}
	sh.showWarnings(att.Program.WarningList, src, filename, 0)
	b := &block{id: sh.nextID, src: src, att: att}
	sh.nextID++
	sh.blocks = append(sh.blocks, b)
	fmt.Fprintf(sh.screen, "[%d] attached %s\n", b.id, probeList(att.ProbeNames()))
}

// statementPrefix opens the begin block a statement runs in. It is on the
// statement's first line, so errors there are shifted back by its length.
const statementPrefix = "begin { "

// runStatement runs statements once, now, as a begin block of their own
// that leaves the session at once, and waits until what they print has
// been printed, or Ctrl-C. Adding waits for the session, which a print in
// progress holds (the terminal may be slower than the print), so Ctrl-C
// is watched from the start: it drops the rest of the output, which lets
// the print and then the adding end.
func (sh *shell) runStatement(src string) {
	n := sh.nextSync
	sh.nextSync++
	wrapped := statementPrefix + src + "}\n" + syncBlock(n)
	drainSignals(sh.sigint) // a Ctrl-C from before is not for this statement
	type added struct {
		att *bpfscript.Attachment
		err error
	}
	done := make(chan added, 1)
	go func() {
		att, err := sh.sess.Add(wrapped)
		done <- added{att, err}
	}()
	interrupted := false
	var res added
	for waiting := true; waiting; {
		select {
		case res = <-done:
			waiting = false
		case <-sh.sigint:
			interrupted = true
			sh.dropOutput(n)
		}
	}
	if res.err != nil {
		sh.sink.unmuteNow()
		sh.showError(res.err, src, "", len(statementPrefix))
		return
	}
	sh.showWarnings(res.att.Program.WarningList, src, "", len(statementPrefix))
	if !interrupted {
		sh.waitSync(n)
	}
	sh.sess.Detach(res.att)
}

// syncBlock is a begin block that prints sync mark n.
func syncBlock(n int) string {
	return fmt.Sprintf("begin { printf(\"%s%d\"); }\n", syncMark, n)
}

// dropOutput drops what is still to print up to sync mark n: Ctrl-C.
func (sh *shell) dropOutput(n int) {
	sh.sink.muteUntilSync(n)
	fmt.Fprintln(os.Stdout, "^C")
}

// waitSync waits until sync mark n has come through the sink, a Ctrl-C
// (what is still to print is then dropped) or a while.
func (sh *shell) waitSync(n int) {
	timeout := time.After(5 * time.Second)
	for {
		select {
		case <-sh.sigint:
			sh.dropOutput(n)
			return
		default:
		}
		select {
		case got := <-sh.sink.synced:
			if got >= n {
				return
			}
		case <-sh.sigint:
			sh.dropOutput(n)
			return
		case <-sh.sess.Done():
			return // exit(): nothing more comes
		case <-timeout:
			fmt.Fprintln(sh.screen, "bpfscript: the statement's output is still coming")
			return
		}
	}
}

func drainSignals(c chan os.Signal) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// interrupt handles Ctrl-C at the prompt. A block being typed is dropped.
// While probes flood the terminal, the blocks that print are detached and
// what they had sent is dropped; otherwise Ctrl-C only gives a new prompt.
func (sh *shell) interrupt() {
	if sh.pending != "" {
		sh.pending = ""
		fmt.Fprintln(sh.screen, "(block dropped)")
		return
	}
	if !sh.sink.printingSince(time.Second) {
		return // liner showed ^C; a new prompt is all
	}
	var stopped []string
	for _, b := range append([]*block(nil), sh.blocks...) {
		if len(b.att.Program.Compiled.Events) == 0 || !attachedProbes(b.att) {
			continue
		}
		if err := sh.detach(b); err != nil {
			fmt.Fprintf(sh.screen, "bpfscript: detaching [%d]: %v\n", b.id, err)
			continue
		}
		stopped = append(stopped, fmt.Sprintf("[%d]", b.id))
	}
	n := sh.nextSync
	sh.nextSync++
	sh.sink.muteUntilSync(n)
	fmt.Fprintf(os.Stdout, "detached %s\n", strings.Join(stopped, " "))
	if att, err := sh.sess.Add(syncBlock(n)); err == nil {
		sh.waitSync(n)
		sh.sess.Detach(att)
	} else {
		sh.screen.unmute()
	}
}

// attachedProbes reports whether a program has probes other than begin
// and end, which run once.
func attachedProbes(a *bpfscript.Attachment) bool {
	for _, p := range a.Program.Compiled.Probes {
		if p.Attach.Kind.Attached() {
			return true
		}
	}
	return false
}

// detach removes a block from the session.
func (sh *shell) detach(b *block) error {
	if err := sh.sess.Detach(b.att); err != nil {
		return err
	}
	for i, x := range sh.blocks {
		if x == b {
			sh.blocks = append(sh.blocks[:i], sh.blocks[i+1:]...)
			break
		}
	}
	return nil
}

// finish ends the session as a script ends: end probes, then the maps.
func (sh *shell) finish() int {
	sh.saveHistory()
	sh.ln.Close()
	code, err := sh.sess.Close()
	if err != nil {
		sh.sink.Error(err)
	}
	sh.sink.Flush()
	if sh.stats != nil {
		sh.stats.Close()
	}
	return code
}

func (sh *shell) saveHistory() {
	if sh.history == "" {
		return
	}
	f, err := os.OpenFile(sh.history, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	sh.ln.WriteHistory(f)
}

// probeList shows a block's probes on one line.
func probeList(names []string) string {
	const shown = 3
	if len(names) > shown {
		return fmt.Sprintf("%s and %d more", strings.Join(names[:shown], ", "), len(names)-shown)
	}
	return strings.Join(names, ", ")
}
