package runtime

import "fmt"

// DropMap removes a user map ("@x") from the session and closes it, with
// what it held. No attached program may use it: a program that is loaded
// next and uses the name gets a new, empty map, of whatever type it gives
// it. This is how a reloaded script replaces a map whose type it changed.
func (s *Session) DropMap(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.maps[name]
	if !ok || m.spec.User == nil {
		return fmt.Errorf("no map %s in the session", name)
	}
	for _, a := range s.attached {
		for _, pm := range a.prog.Maps {
			if pm.Name == name {
				return fmt.Errorf("map %s is in use by an attached program", name)
			}
		}
	}
	delete(s.maps, name)
	return m.m.Close()
}
