package tracefs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bpfscript/bpfscript/lang/types"
)

// ParseFormat parses the text of a tracepoint's format file:
//
//	name: sys_enter_openat
//	ID: 720
//	format:
//		field:unsigned short common_type;	offset:0;	size:2;	signed:0;
//		...
//		field:const char * filename;	offset:24;	size:8;	signed:0;
//
//	print fmt: ...
//
// The common_* fields, which every event shares, are left out. ID is 0 when
// the text has no ID: line.
func ParseFormat(group, event string, text []byte) (*types.TracepointFormat, error) {
	format := &types.TracepointFormat{Group: group, Event: event}
	for i, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		lineErr := func(msg string, args ...any) error {
			return fmt.Errorf("format of tracepoint %s:%s, line %d: %s", group, event, i+1, fmt.Sprintf(msg, args...))
		}
		switch {
		case strings.HasPrefix(line, "ID:"):
			id, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "ID:")))
			if err != nil {
				return nil, lineErr("bad ID %q", line)
			}
			format.ID = id
		case strings.HasPrefix(line, "field:"):
			field, err := parseField(line)
			if err != nil {
				return nil, lineErr("%v", err)
			}
			if !strings.HasPrefix(fieldName(field.Decl), "common_") {
				format.Fields = append(format.Fields, field)
			}
		case strings.HasPrefix(line, "print fmt:"):
			// Everything after this line is the printk format, which
			// may itself contain "field:"-looking text.
			return format, nil
		}
	}
	return format, nil
}

// parseField parses one field line: "field:DECL; offset:N; size:N; signed:N;".
func parseField(line string) (types.FormatField, error) {
	var field types.FormatField
	seen := map[string]bool{}
	for part := range strings.SplitSeq(line, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, value, ok := strings.Cut(part, ":")
		if !ok {
			return field, fmt.Errorf("bad field attribute %q", part)
		}
		value = strings.TrimSpace(value)
		seen[key] = true
		switch key {
		case "field":
			field.Decl = value
		case "offset", "size", "signed":
			n, err := strconv.Atoi(value)
			if err != nil {
				return field, fmt.Errorf("bad %s %q", key, value)
			}
			switch key {
			case "offset":
				field.Offset = n
			case "size":
				field.Size = n
			case "signed":
				field.Signed = n != 0
			}
		}
		// Other attributes are ignored: newer kernels may add some.
	}
	for _, key := range []string{"offset", "size"} {
		if !seen[key] {
			return field, fmt.Errorf("field %q has no %s", field.Decl, key)
		}
	}
	if field.Decl == "" {
		return field, fmt.Errorf("field with an empty declaration")
	}
	return field, nil
}

// fieldName returns the declared name in a C declaration as format files
// print them: "const char * filename" is "filename", "unsigned long args[6]"
// is "args", "__data_loc char[] name" is "name".
func fieldName(decl string) string {
	decl = strings.TrimSpace(decl)
	if strings.HasSuffix(decl, "]") {
		if i := strings.LastIndex(decl, "["); i >= 0 {
			decl = strings.TrimSpace(decl[:i])
		}
	}
	if i := strings.LastIndexAny(decl, " *"); i >= 0 {
		return decl[i+1:]
	}
	return decl
}
