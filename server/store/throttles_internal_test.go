package store

import (
	"testing"
	"time"
)

// After the free attempts, each waits longer than the one before, up to
// the maximum; without a wait, the key is refused until the window closes.
func TestRuleWaits(t *testing.T) {
	growing := Rule{Window: 12 * time.Hour, Free: 5, Wait: 5 * time.Minute, MaxWait: 15 * time.Minute}
	fixed := Rule{Window: 15 * time.Minute, Free: 20}
	for _, c := range []struct {
		rule     Rule
		failures int
		want     time.Duration
		ok       bool
	}{
		{growing, 0, 0, true},
		{growing, 4, 0, true},
		{growing, 5, 5 * time.Minute, true},
		{growing, 6, 10 * time.Minute, true},
		{growing, 7, 15 * time.Minute, true},
		{growing, 1000, 15 * time.Minute, true},
		{fixed, 19, 0, true},
		{fixed, 20, 0, false},
	} {
		if got, ok := c.rule.wait(c.failures); got != c.want || ok != c.ok {
			t.Errorf("%+v after %d failures: %v %v; want %v %v", c.rule, c.failures, got, ok, c.want, c.ok)
		}
	}
}
