package output

import (
	"strconv"
	"strings"
	"time"
)

// FormatTime formats t with a C strftime(3) format, in t's location, plus
// bpftrace's %f extension for microseconds (six digits). Conversions are
// those of glibc in the C locale; an unknown conversion is copied through
// as written, as glibc does.
func FormatTime(format string, t time.Time) string {
	var sb strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			sb.WriteByte(c)
			continue
		}
		i++
		// glibc accepts the E and O modifiers and ignores them in the
		// C locale.
		if (format[i] == 'E' || format[i] == 'O') && i+1 < len(format) {
			i++
		}
		if !writeConversion(&sb, format[i], t) {
			sb.WriteString(format[i-1 : i+1])
		}
	}
	return sb.String()
}

var (
	shortDays   = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	longDays    = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	shortMonths = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	longMonths  = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
)

// writeConversion writes one strftime conversion and reports whether it
// knew it.
func writeConversion(sb *strings.Builder, c byte, t time.Time) bool {
	pad := func(n, width int, fill byte) {
		s := strconv.Itoa(n)
		for i := len(s); i < width; i++ {
			sb.WriteByte(fill)
		}
		sb.WriteString(s)
	}
	hour12 := t.Hour() % 12
	if hour12 == 0 {
		hour12 = 12
	}
	switch c {
	case 'a':
		sb.WriteString(shortDays[t.Weekday()])
	case 'A':
		sb.WriteString(longDays[t.Weekday()])
	case 'b', 'h':
		sb.WriteString(shortMonths[t.Month()-1])
	case 'B':
		sb.WriteString(longMonths[t.Month()-1])
	case 'c':
		sb.WriteString(FormatTime("%a %b %e %H:%M:%S %Y", t))
	case 'C':
		pad(t.Year()/100, 2, '0')
	case 'd':
		pad(t.Day(), 2, '0')
	case 'D', 'x':
		sb.WriteString(FormatTime("%m/%d/%y", t))
	case 'e':
		pad(t.Day(), 2, ' ')
	case 'f':
		pad(t.Nanosecond()/1000, 6, '0')
	case 'F':
		sb.WriteString(FormatTime("%Y-%m-%d", t))
	case 'g':
		year, _ := t.ISOWeek()
		pad(year%100, 2, '0')
	case 'G':
		year, _ := t.ISOWeek()
		sb.WriteString(strconv.Itoa(year))
	case 'H':
		pad(t.Hour(), 2, '0')
	case 'I':
		pad(hour12, 2, '0')
	case 'j':
		pad(t.YearDay(), 3, '0')
	case 'k':
		pad(t.Hour(), 2, ' ')
	case 'l':
		pad(hour12, 2, ' ')
	case 'm':
		pad(int(t.Month()), 2, '0')
	case 'M':
		pad(t.Minute(), 2, '0')
	case 'n':
		sb.WriteByte('\n')
	case 'p':
		sb.WriteString(map[bool]string{false: "AM", true: "PM"}[t.Hour() >= 12])
	case 'P':
		sb.WriteString(map[bool]string{false: "am", true: "pm"}[t.Hour() >= 12])
	case 'r':
		sb.WriteString(FormatTime("%I:%M:%S %p", t))
	case 'R':
		sb.WriteString(FormatTime("%H:%M", t))
	case 's':
		sb.WriteString(strconv.FormatInt(t.Unix(), 10))
	case 'S':
		pad(t.Second(), 2, '0')
	case 't':
		sb.WriteByte('\t')
	case 'T', 'X':
		sb.WriteString(FormatTime("%H:%M:%S", t))
	case 'u':
		pad((int(t.Weekday())+6)%7+1, 1, '0')
	case 'U':
		pad((t.YearDay()+6-int(t.Weekday()))/7, 2, '0')
	case 'V':
		_, week := t.ISOWeek()
		pad(week, 2, '0')
	case 'w':
		pad(int(t.Weekday()), 1, '0')
	case 'W':
		pad((t.YearDay()+6-(int(t.Weekday())+6)%7)/7, 2, '0')
	case 'y':
		pad(t.Year()%100, 2, '0')
	case 'Y':
		sb.WriteString(strconv.Itoa(t.Year()))
	case 'z':
		_, off := t.Zone()
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		sb.WriteByte(sign)
		pad(off/3600*100+off%3600/60, 4, '0')
	case 'Z':
		name, _ := t.Zone()
		sb.WriteString(name)
	case '%':
		sb.WriteByte('%')
	default:
		return false
	}
	return true
}
