package output

import (
	"testing"
	"time"
)

// The expectations were produced by glibc's strftime (through Python's
// time.strftime) for the same instants.
func TestFormatTime(t *testing.T) {
	tue := time.Unix(1700000000, 123456789).UTC() // 2023-11-14 22:13:20.123456789 UTC
	mon := time.Unix(1704067200+5*3600, 0).UTC()  // 2024-01-01 05:00:00 UTC
	sun := time.Unix(1672531200, 0).UTC()         // 2023-01-01 00:00:00 UTC
	plus530 := time.Unix(1700000000, 0).In(time.FixedZone("IST", 5*3600+30*60))
	minus7 := time.Unix(1700000000, 0).In(time.FixedZone("MST", -7*3600))
	tests := []struct {
		format string
		t      time.Time
		want   string
	}{
		{"%a %A %b %B %h", tue, "Tue Tuesday Nov November Nov"},
		{"%c", tue, "Tue Nov 14 22:13:20 2023"},
		{"%C %d %D %e", tue, "20 14 11/14/23 14"},
		{"%F %g %G", tue, "2023-11-14 23 2023"},
		{"%H %I %j %k %l", tue, "22 10 318 22 10"},
		{"%m %M %p %P", tue, "11 13 PM pm"},
		{"%r %R %s %S", tue, "10:13:20 PM 22:13 1700000000 20"},
		{"%T %u %U %V %w %W", tue, "22:13:20 2 46 46 2 46"},
		{"%x %X %y %Y %z %Z %%", tue, "11/14/23 22:13:20 23 2023 +0000 UTC %"},
		{"%Ec %Od", tue, "Tue Nov 14 22:13:20 2023 14"},
		{"%q|%", tue, "%q|%"},
		{"%U %V %W %G %g %j %u %w %I %l %p", mon, "00 01 01 2024 24 001 1 1 05  5 AM"},
		{"%U %V %W %G %g %j %u %w %I %p", sun, "01 52 00 2022 22 001 7 0 12 AM"},
		{"%H:%M:%S.%f", tue, "22:13:20.123456"},
		{"%z %Z %H:%M", plus530, "+0530 IST 03:43"},
		{"%z %Z", minus7, "-0700 MST"},
		{"%n%t", tue, "\n\t"},
		{"no conversions", tue, "no conversions"},
		{"", tue, ""},
	}
	for _, tt := range tests {
		if got := FormatTime(tt.format, tt.t); got != tt.want {
			t.Errorf("FormatTime(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}
