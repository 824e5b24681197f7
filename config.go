package bpfscript

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/compiler"
	"github.com/bpfscript/bpfscript/lang/types"
)

// configVars are the config variables (bpftrace's names, see its
// "Config Variables") Options.Config may set, with what each sets.
var configVars = map[string]func(v string, check *types.Config, conf *compiler.Config) error{
	"max_strlen": func(v string, check *types.Config, conf *compiler.Config) error {
		n, err := positive(v)
		check.StrLen, conf.StrLen = n, n
		return err
	},
	"max_map_keys": func(v string, _ *types.Config, conf *compiler.Config) error {
		n, err := positive(v)
		conf.MaxMapKeys = n
		return err
	},
}

// applyConfig sets what Options.Config says. Names may be spelled as
// bpftrace accepts them: max_strlen, MAX_STRLEN or BPFTRACE_MAX_STRLEN.
func applyConfig(vars map[string]string, check *types.Config, conf *compiler.Config) error {
	names := make([]string, 0, len(vars))
	for name := range vars {
		names = append(names, name)
	}
	slices.Sort(names) // the same error first every time
	for _, name := range names {
		key := strings.TrimPrefix(strings.ToLower(name), "bpftrace_")
		set, ok := configVars[key]
		if !ok {
			known := make([]string, 0, len(configVars))
			for k := range configVars {
				known = append(known, k)
			}
			slices.Sort(known)
			return fmt.Errorf("config %s: unknown or unsupported variable (supported: %s)", name, strings.Join(known, ", "))
		}
		if err := set(vars[name], check, conf); err != nil {
			return fmt.Errorf("config %s: %w", name, err)
		}
	}
	return nil
}

func positive(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("want a positive integer, got %q", v)
	}
	return n, nil
}
