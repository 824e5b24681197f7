package compiler

import "github.com/bpfscript/bpfscript/compiled"

// The compiler's output is a compiled.Program. These names keep the
// lowering code, which builds its maps and events, short.
type (
	MapSpec   = compiled.Map
	Event     = compiled.Event
	EventKind = compiled.EventKind
)

const (
	HashMap        = compiled.HashMap
	PerCPUHashMap  = compiled.PerCPUHashMap
	PerCPUArrayMap = compiled.PerCPUArrayMap
	RingBufMap     = compiled.RingBufMap
	ArrayMap       = compiled.ArrayMap

	EventsMap        = compiled.EventsMap
	ScratchMap       = compiled.ScratchMap
	CountersMap      = compiled.CountersMap
	LostEventsOffset = compiled.LostEventsOffset

	PrintfEvent     = compiled.PrintfEvent
	PrintMapEvent   = compiled.PrintMapEvent
	PrintValueEvent = compiled.PrintValueEvent
	ClearEvent      = compiled.ClearEvent
	ZeroEvent       = compiled.ZeroEvent
	ExitEvent       = compiled.ExitEvent
	TimeEvent       = compiled.TimeEvent
	JoinEvent       = compiled.JoinEvent
	SystemEvent     = compiled.SystemEvent
	CatEvent        = compiled.CatEvent
	LogEvent        = compiled.LogEvent
)
