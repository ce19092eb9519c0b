package kit

import (
	"strconv"
	"strings"
	"time"

	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/presetname"
)

// JoinAnd joins items as people write them: "a", "a and b", "a, b and c".
func JoinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// CountText is "1 permission" or "5 permissions".
func CountText(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// LongDate is "4 March 2025" in the browser's time zone.
func LongDate(t time.Time) string {
	return t.Local().Format("2 January 2006")
}

func PlanName(key string) string {
	if t, ok := plan.Lookup(key); ok {
		return t.Name
	}
	return key
}

func PresetName(key string) string {
	if n, ok := presetname.Names[key]; ok {
		return n
	}
	return key
}

func OnOff(on bool) string {
	if on {
		return "On"
	}
	return "Off"
}

// ReadableID turns "front_desk" into "Front desk".
func ReadableID(id string) string {
	s := strings.ReplaceAll(strings.ReplaceAll(id, "_", " "), "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ShortDate is "4 Mar 2025" in the browser's time zone.
func ShortDate(t time.Time) string {
	return t.Local().Format("2 Jan 2006")
}

// DateTime is "4 Mar 2025, 09:30" in the browser's time zone.
func DateTime(t time.Time) string {
	return t.Local().Format("2 Jan 2006, 15:04")
}
