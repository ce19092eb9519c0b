package limits_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/internal/testclock"
	"github.com/rolesconsole/console/server/limits"
	"github.com/rolesconsole/console/server/servertest"
)

// A key takes free failures a window; a success gives its slot back, and
// the next window starts afresh. Keys count apart.
func TestClaim(t *testing.T) {
	tn := servertest.NewTenant(t, nil)
	clk := testclock.New(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	svc := limits.New(tn.Store, limits.Config{Window: time.Minute, Now: clk.Now})
	ctx := context.Background()
	const free = 2
	steps := []struct {
		name    string
		key     string
		advance time.Duration
		release bool // the attempt succeeds: its slot goes back
		refused bool
	}{
		{"a first failure", "rate:a", 0, false, false},
		{"a second failure", "rate:a", 0, false, false},
		{"one too many", "rate:a", 0, false, true},
		{"another key", "rate:b", 0, false, false},
		{"the next window", "rate:a", time.Minute, true, false},
		{"after a success", "rate:a", 0, false, false},
		{"then a failure", "rate:a", 0, false, false},
		{"one too many again", "rate:a", 0, false, true},
	}
	for _, s := range steps {
		clk.Advance(s.advance)
		retry, err := svc.Claim(ctx, s.key, free)
		if err != nil {
			t.Fatal(err)
		}
		if refused := retry > 0; refused != s.refused {
			t.Fatalf("%s: retry %v; want refused %v", s.name, retry, s.refused)
		}
		if s.release {
			if err := svc.Release(ctx, s.key, free); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// 50 attempts at once on one key get as many slots as the limit, no more:
// a slot is an insert of its own _id, which only one attempt wins.
func TestClaimUnderABurst(t *testing.T) {
	tn := servertest.NewTenant(t, nil)
	svc := limits.New(tn.Store, limits.Config{})
	const n, free = 50, 5
	refused := make([]bool, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			retry, err := svc.Claim(context.Background(), "rate:burst", free)
			if err != nil {
				t.Error(err)
			}
			refused[i] = retry > 0
		})
	}
	wg.Wait()
	through := 0
	for _, r := range refused {
		if !r {
			through++
		}
	}
	if through != free {
		t.Errorf("%d of %d attempts went through a limit of %d", through, n, free)
	}
}
