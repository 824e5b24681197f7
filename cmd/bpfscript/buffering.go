package main

import (
	"bufio"
	"bytes"
	"io"
)

// bufferSize is what -B full and -B line hold at most before writing:
// libc's BUFSIZ would make a system call every 8 KiB, and the sink writes
// in bursts of up to 64 KiB.
const bufferSize = 64 << 10

// bufferedOutput is the program output's writer for -B mode. The sink
// writes to it whenever it has handled the events at hand; the writer
// decides what goes on to out then:
//
//   - "" (the default) and none: everything, at once.
//   - line: every complete line; a line's start waits for its newline.
//   - full: nothing until 64 KiB are waiting.
//
// flush writes out the rest when the run ends.
func bufferedOutput(mode string, out io.Writer) (w io.Writer, flush func() error) {
	switch mode {
	case "line":
		lw := &lineWriter{out: out}
		return lw, lw.flush
	case "full":
		// Wrapped, so that the sink's own bufio.Writer does not
		// recognise it and flush it along with its own buffer.
		bw := bufio.NewWriterSize(out, bufferSize)
		return struct{ io.Writer }{bw}, bw.Flush
	}
	return out, func() error { return nil }
}

// lineWriter writes complete lines through and keeps the last line's
// start until its newline comes (or the buffer fills up).
type lineWriter struct {
	out     io.Writer
	pending []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	end := bytes.LastIndexByte(p, '\n') + 1
	if end == 0 {
		w.pending = append(w.pending, p...)
		if len(w.pending) >= bufferSize {
			return len(p), w.flush()
		}
		return len(p), nil
	}
	if len(w.pending) > 0 {
		w.pending = append(w.pending, p[:end]...)
		if err := w.flush(); err != nil {
			return 0, err
		}
	} else if _, err := w.out.Write(p[:end]); err != nil {
		return 0, err
	}
	w.pending = append(w.pending, p[end:]...)
	return len(p), nil
}

func (w *lineWriter) flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	_, err := w.out.Write(w.pending)
	w.pending = w.pending[:0]
	return err
}
