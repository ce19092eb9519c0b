package httpapi_test

import (
	"time"

	"github.com/rolesconsole/console/internal/testclock"
)

// newClock is a settable time source for session and throttle expiry,
// starting now.
func newClock() *testclock.Clock { return testclock.New(time.Now()) }
