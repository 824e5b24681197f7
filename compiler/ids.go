package compiler

// probeID returns the index of a probe name for the `probe` builtin.
func (c *compiler) probeID(name string) int64 {
	if id, ok := c.conf.ProbeIDs[name]; ok {
		return int64(id)
	}
	for i, n := range c.prog.ProbeNames {
		if n == name {
			return int64(c.conf.IDs.ProbeNames + i)
		}
	}
	c.prog.ProbeNames = append(c.prog.ProbeNames, name)
	return int64(c.conf.IDs.ProbeNames + len(c.prog.ProbeNames) - 1)
}

// addEvent registers an event kind and returns its id.
func (c *compiler) addEvent(e *Event) int64 {
	c.prog.Events = append(c.prog.Events, e)
	return int64(c.conf.IDs.Events + len(c.prog.Events) - 1)
}

// timeFormat registers a strftime format and returns its id.
func (c *compiler) timeFormat(format string) int64 {
	c.prog.TimeFormats = append(c.prog.TimeFormats, format)
	return int64(c.conf.IDs.TimeFormats + len(c.prog.TimeFormats) - 1)
}
