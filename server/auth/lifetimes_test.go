package auth

import (
	"testing"
	"time"

	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/account"
)

// The operator's lifetimes are maxima: a policy shortens them, and one
// stored above them (written before the limits were lowered) is held to them.
func TestLifetimesNeverExceedTheServersLimits(t *testing.T) {
	cfg := Config{IdleTimeout: 30 * time.Minute, AbsoluteTimeout: 12 * time.Hour}
	for _, c := range []struct {
		idle, absolute         int
		wantIdle, wantAbsolute time.Duration
	}{
		{0, 0, 30 * time.Minute, 12 * time.Hour},
		{10, 60, 10 * time.Minute, time.Hour},
		{24 * 60, 30 * 24 * 60, 30 * time.Minute, 12 * time.Hour},
		{30, 720, 30 * time.Minute, 12 * time.Hour},
	} {
		a := &tenant.Account{Policy: account.Policy{SessionIdleMinutes: c.idle, SessionAbsoluteMinutes: c.absolute}}
		idle, absolute := lifetimes(cfg, a)
		if idle != c.wantIdle || absolute != c.wantAbsolute {
			t.Errorf("policy %d/%d min: %v/%v; want %v/%v", c.idle, c.absolute, idle, absolute, c.wantIdle, c.wantAbsolute)
		}
	}
	s := &Service{cfg: cfg}
	if got := s.SessionLimits(); got != (account.SessionLimits{IdleMinutes: 30, AbsoluteMinutes: 720}) {
		t.Errorf("limits %+v", got)
	}
}
