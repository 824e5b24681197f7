package config

// Value is one config variable's value in a program's Settings.
type Value struct {
	Name string
	// V is an int64 for integer variables, a bool for booleans and a
	// string for strings and enumerations.
	V any
}

// Values returns every config variable's value in s, in table order: what
// the script's `config` builtin holds.
func (s *Settings) Values() []Value {
	vals := make([]Value, len(Vars))
	for i, v := range Vars {
		vals[i] = Value{Name: v.name, V: v.field.get(s)}
	}
	return vals
}
