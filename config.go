package bpfscript

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/bpfscript/bpfscript/lang/config"
	"github.com/bpfscript/bpfscript/lang/diag"
	"github.com/bpfscript/bpfscript/lang/preproc"
	"github.com/bpfscript/bpfscript/lang/types"
	"github.com/bpfscript/bpfscript/runtime"
)

// preprocess runs the C preprocessor subset over src when it has
// directive lines or opts include headers, and returns the map from its
// output's positions back to src (nil when src is used as it is: most
// scripts, which then pay one scan for '#').
func preprocess(src string, opts Options) (*preproc.LineMap, string, error) {
	ppOpts := preproc.Options{IncludeDirs: opts.IncludeDirs, Includes: opts.Includes}
	if !preproc.Needed(src, ppOpts) {
		return nil, src, nil
	}
	if env, ok := opts.Env.(interface{ HasBTF() bool }); ok && env.HasBTF() {
		ppOpts.Defines = map[string]string{"BPFTRACE_HAVE_BTF": "1"}
	}
	res, err := preproc.Process(opts.Filename, src, ppOpts)
	if err != nil {
		return nil, "", err
	}
	return res.Lines, res.Source, nil
}

// countAttached is the number of aps that are attached (not begin or end).
func countAttached(aps []*types.AttachPoint) int {
	n := 0
	for _, ap := range aps {
		if ap.Kind.Attached() {
			n++
		}
	}
	return n
}

// checkProbeCount fails a program that attaches to more than max probes
// (max_probes), at the probe whose attach points go past it.
func checkProbeCount(info *types.Info, limit int) error {
	n := 0
	for _, p := range info.Probes {
		for _, ap := range p.Attach {
			if !ap.Kind.Attached() {
				continue
			}
			if n++; n > limit {
				total := countAttached(AttachPoints(info))
				return diag.List{diag.Errorf(ap.Spec,
					"the program attaches to %d probes, more than max_probes (%d): raise it with config = { max_probes = %d } or BPFTRACE_MAX_PROBES, with care: many probes slow the system down",
					total, limit, total)}
			}
		}
	}
	return nil
}

// ringBytes is the size of the event ring buffer for perf_rb_pages pages:
// the kernel wants a power of two and a multiple of the page size. 0 (the
// default) lets the compiler size it.
func ringBytes(pages int) int {
	if pages <= 0 {
		return 0
	}
	page := os.Getpagesize()
	size := page
	for size < pages*page && size < 1<<30 {
		size *= 2
	}
	return size
}

// applyConfig sets the runtime options the config variables decide,
// where the caller left them at their zero value.
func applyConfig(s *config.Settings, opts *runtime.Options) {
	if s == nil {
		return
	}
	if !s.PrintMapsOnExit {
		opts.NoExitMaps = true
	}
	if opts.MissingProbes == "" {
		opts.MissingProbes = s.MissingProbes
	}
	if opts.LogSize == 0 && s.Set["log_size"] {
		opts.LogSize = s.LogSize
	}
}

// configLookup is where compile reads config variables besides the
// script's config block: Options.Config, then the environment through
// Options.Getenv. Both win over the block, as environment variables do in
// bpftrace. A name in Options.Config that is no config variable is an
// error.
func (o Options) configLookup() (func(string) string, error) {
	if len(o.Config) == 0 {
		return o.Getenv, nil
	}
	names := make([]string, 0, len(o.Config))
	for name := range o.Config {
		names = append(names, name)
	}
	slices.Sort(names) // the same error first every time
	given := map[string]string{}
	for _, name := range names {
		if err := config.CheckValue(name, o.Config[name]); err != nil {
			return nil, fmt.Errorf("config %s: %w", name, err)
		}
		given[strings.TrimPrefix(strings.ToLower(name), "bpftrace_")] = o.Config[name]
	}
	return func(env string) string {
		if v, ok := given[strings.TrimPrefix(strings.ToLower(env), "bpftrace_")]; ok {
			return v
		}
		if o.Getenv != nil {
			return o.Getenv(env)
		}
		return ""
	}, nil
}

// trailer is the str_trunc_trailer in force: Options.StrTruncTrailer when
// set, else the config's when the script or the environment set it, else
// nil for the compiler's default.
func trailer(opt *string, s *config.Settings) *string {
	if opt != nil {
		return opt
	}
	if s != nil && s.Set["str_trunc_trailer"] {
		return &s.StrTruncTrailer
	}
	return nil
}
