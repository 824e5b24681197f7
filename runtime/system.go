package runtime

import (
	"os"
	"os/exec"

	"github.com/bpfscript/bpfscript/compiled"
	"github.com/bpfscript/bpfscript/runtime/output"
	"github.com/bpfscript/bpfscript/runtime/value"
)

// system runs the command a system() event formats, as bpftrace does: with
// the shell, waiting for it to finish (events wait meanwhile), and prints
// what it wrote to its standard output. Its standard error goes to ours.
// The caller holds s.mu.
func (s *Session) system(ev *compiled.Event, payload []byte) error {
	args := make([]value.Value, 0, len(ev.Args.Fields))
	for _, f := range ev.Args.Fields {
		args = append(args, s.dec.Decode(f.Type, payload[f.Offset:f.Offset+f.Type.Size]))
	}
	cmdline, err := output.FormatPrintf(ev.Directives, args)
	if err != nil {
		return err
	}
	cmd := exec.Command("/bin/sh", "-c", cmdline)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if len(out) > 0 {
		if err := s.sink.System(string(out)); err != nil {
			return err
		}
	}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			s.sink.Warning("system(): " + err.Error())
		}
	}
	return nil
}
