package config

// Settings are the values of every config variable for one program.
type Settings struct {
	CacheUserSymbols  string // PER_PROGRAM, PER_PID or NONE; "" for bpftrace's automatic choice
	CppDemangle       bool
	LazySymbolication bool
	License           string
	LogSize           int // bytes of verifier log
	MaxBPFProgs       int
	MaxCatBytes       int
	MaxMapKeys        int
	MaxProbes         int
	MaxStrLen         int
	MissingProbes     string // error, warn or ignore
	OnStackLimit      int
	PerfRBPages       int // 0: sized automatically
	PrintMapsOnExit   bool
	ShowDebugInfo     bool
	StackMode         string // bpftrace, perf, raw or build_id
	StrTruncTrailer   string
	// Unstable holds the unstable_* feature switches: error, warn or
	// enable, by name.
	Unstable map[string]string

	// Set names the variables set by the script or the environment, so
	// that a caller can tell a default from a choice.
	Set map[string]bool
}

// Defaults returns every variable at its default. strLen is the default
// of max_strlen, which the caller decides (see Vars).
func Defaults(strLen int) *Settings {
	s := &Settings{Unstable: map[string]string{}, Set: map[string]bool{}}
	for _, v := range Vars {
		v.field.set(s, v.def)
	}
	s.MaxStrLen = strLen
	return s
}

// kind is the type of a config variable's values.
type kind int

const (
	intKind kind = iota
	boolKind
	stringKind
	enumKind
)

func (k kind) String() string {
	return [...]string{"an integer", "a boolean (true or false)", "a string", "one of"}[k]
}

// variable is one config variable: its name, type, default and where its
// value goes.
type variable struct {
	name   string
	kind   kind
	values []string // an enum's values
	min    int64    // an integer's smallest value
	def    any      // int64, bool or string
	field  field    // where its value is kept in Settings
}

// field reads and writes one variable's value in Settings, as int64,
// bool or string (the variable's kind).
type field struct {
	set func(s *Settings, v any)
	get func(s *Settings) any
}

func intField(f func(*Settings) *int) field {
	return field{
		set: func(s *Settings, v any) { *f(s) = int(v.(int64)) },
		get: func(s *Settings) any { return int64(*f(s)) },
	}
}

func boolField(f func(*Settings) *bool) field {
	return field{
		set: func(s *Settings, v any) { *f(s) = v.(bool) },
		get: func(s *Settings) any { return *f(s) },
	}
}

func stringField(f func(*Settings) *string) field {
	return field{
		set: func(s *Settings, v any) { *f(s) = v.(string) },
		get: func(s *Settings) any { return *f(s) },
	}
}

func unstable(name string) variable {
	return variable{name: name, kind: enumKind, values: []string{"error", "warn", "enable"}, def: "warn",
		field: field{
			set: func(s *Settings, v any) { s.Unstable[name] = v.(string) },
			get: func(s *Settings) any { return s.Unstable[name] },
		}}
}

// DefaultMaxStrLen is max_strlen's default, upstream's: the size of the
// buffers str() reads into. Strings this long do not fit the 512-byte BPF
// stack; the compiler keeps them in per-CPU scratch memory instead.
const DefaultMaxStrLen = 1024

// Vars are the config variables of bpftrace's reference (language.md,
// "Config Variables"), in its order. Defaults takes max_strlen's default
// from its caller (bpfscript.Options.StrLen, DefaultMaxStrLen when that
// is unset). The unstable_* switches of earlier bpftrace releases (macro,
// map_decl, import) are accepted too, so that scripts written for them
// still run.
var Vars = []variable{
	{name: "cache_user_symbols", kind: enumKind, values: []string{"PER_PROGRAM", "PER_PID", "NONE"}, def: "",
		field: stringField(func(s *Settings) *string { return &s.CacheUserSymbols })},
	{name: "cpp_demangle", kind: boolKind, def: true, field: boolField(func(s *Settings) *bool { return &s.CppDemangle })},
	{name: "lazy_symbolication", kind: boolKind, def: false, field: boolField(func(s *Settings) *bool { return &s.LazySymbolication })},
	{name: "license", kind: stringKind, def: "GPL", field: stringField(func(s *Settings) *string { return &s.License })},
	{name: "log_size", kind: intKind, min: 1, def: int64(1000000), field: intField(func(s *Settings) *int { return &s.LogSize })},
	{name: "max_bpf_progs", kind: intKind, min: 1, def: int64(1024), field: intField(func(s *Settings) *int { return &s.MaxBPFProgs })},
	{name: "max_cat_bytes", kind: intKind, min: 1, def: int64(10240), field: intField(func(s *Settings) *int { return &s.MaxCatBytes })},
	{name: "max_map_keys", kind: intKind, min: 1, def: int64(4096), field: intField(func(s *Settings) *int { return &s.MaxMapKeys })},
	{name: "max_probes", kind: intKind, min: 1, def: int64(1024), field: intField(func(s *Settings) *int { return &s.MaxProbes })},
	{name: "max_strlen", kind: intKind, min: 1, def: int64(DefaultMaxStrLen), field: intField(func(s *Settings) *int { return &s.MaxStrLen })},
	{name: "missing_probes", kind: enumKind, values: []string{"error", "warn", "ignore"}, def: "error",
		field: stringField(func(s *Settings) *string { return &s.MissingProbes })},
	{name: "on_stack_limit", kind: intKind, min: 0, def: int64(32), field: intField(func(s *Settings) *int { return &s.OnStackLimit })},
	{name: "perf_rb_pages", kind: intKind, min: 1, def: int64(0), field: intField(func(s *Settings) *int { return &s.PerfRBPages })},
	{name: "show_debug_info", kind: boolKind, def: true, field: boolField(func(s *Settings) *bool { return &s.ShowDebugInfo })},
	{name: "stack_mode", kind: enumKind, values: []string{"bpftrace", "perf", "raw", "build_id"}, def: "bpftrace",
		field: stringField(func(s *Settings) *string { return &s.StackMode })},
	{name: "str_trunc_trailer", kind: stringKind, def: "..", field: stringField(func(s *Settings) *string { return &s.StrTruncTrailer })},
	{name: "print_maps_on_exit", kind: boolKind, def: true, field: boolField(func(s *Settings) *bool { return &s.PrintMapsOnExit })},
	unstable("unstable_tseries"),
	unstable("unstable_dw_ustack"),
	unstable("unstable_macro"),
	unstable("unstable_map_decl"),
	unstable("unstable_import"),
}

// Names returns the names of every config variable, in table order.
func Names() []string {
	names := make([]string, len(Vars))
	for i, v := range Vars {
		names[i] = v.name
	}
	return names
}

func lookup(name string) *variable {
	for i := range Vars {
		if Vars[i].name == name {
			return &Vars[i]
		}
	}
	return nil
}
