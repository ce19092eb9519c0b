package accountcache

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/tenant"
)

// fakeAccounts is a store of one account whose revision tests move on, with
// counted and gated reads.
type fakeAccounts struct {
	revision atomic.Int64
	writes   atomic.Uint64
	counted  atomic.Bool
	walks    atomic.Int32
	// gate, when set, holds every walk until closed.
	gate chan struct{}
}

func (f *fakeAccounts) Read(context.Context, string) (*tenant.Account, error) {
	return &tenant.Account{ID: "a", Revision: f.revision.Load()}, nil
}

func (f *fakeAccounts) Walk(_ context.Context, known *tenant.Account) (*tenant.Account, bool, error) {
	f.walks.Add(1)
	// The store is read when the walk starts; the gate delays the answer.
	a := &tenant.Account{ID: known.ID, Revision: f.revision.Load()}
	if f.gate != nil {
		<-f.gate
	}
	return a, true, nil
}

func (f *fakeAccounts) Writes() (uint64, bool) { return f.writes.Load(), f.counted.Load() }

func (f *fakeAccounts) cache() *Cache { return New(f, time.Second) }

// write moves the account on as a writer of this process does: counted
// before and after.
func (f *fakeAccounts) write() {
	f.writes.Add(1)
	f.revision.Add(1)
	f.writes.Add(1)
}

// A caller that arrives while a round is reading the store is not answered
// by that round, which may have read before the caller's change: it waits
// for the next, which reads after it arrived.
func TestCurrentNeverAnswersFromARoundThatBeganEarlier(t *testing.T) {
	f := &fakeAccounts{}
	f.revision.Store(1)
	c := f.cache()
	ctx := context.Background()
	if a, err := c.Get(ctx, "a"); err != nil || a.Revision != 1 {
		t.Fatalf("first read: %v %v", a, err)
	}
	f.gate = make(chan struct{})
	first := make(chan *tenant.Account)
	go func() { a, _ := c.Get(ctx, "a"); first <- a }()
	for f.walks.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	// The round is under way, having read revision 1; another server writes 2.
	f.revision.Store(2)
	second := make(chan *tenant.Account)
	go func() { a, _ := c.Get(ctx, "a"); second <- a }()
	time.Sleep(20 * time.Millisecond)
	close(f.gate)
	if a := <-first; a.Revision != 1 {
		t.Errorf("the caller who came first got revision %d, want 1 (or later)", a.Revision)
	}
	if a := <-second; a.Revision != 2 {
		t.Fatalf("the caller who came after the write got revision %d, want 2", a.Revision)
	}
}

// Callers arriving while a round runs share the next one: however many they
// are, the store is read about once per round, not once per caller.
func TestCurrentSharesRoundsAmongConcurrentCallers(t *testing.T) {
	f := &fakeAccounts{}
	c := f.cache()
	ctx := context.Background()
	if _, err := c.Get(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	f.walks.Store(0)
	f.gate = make(chan struct{})
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() {
			if _, err := c.Get(ctx, "a"); err != nil {
				t.Error(err)
			}
		})
	}
	time.Sleep(20 * time.Millisecond)
	close(f.gate)
	wg.Wait()
	if n := f.walks.Load(); n > 2 {
		t.Fatalf("100 concurrent callers read the store %d times; want at most 2 (the running round and the next)", n)
	}
}

// Where writes are counted (the embedded store run by this process), an
// account confirmed since the last write is served without asking the
// store; any write, here or through the proxy, makes the next caller ask.
func TestCurrentAsksNothingWhileNoWriteHappened(t *testing.T) {
	f := &fakeAccounts{}
	f.counted.Store(true)
	c := f.cache()
	ctx := context.Background()
	if _, err := c.Get(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	f.walks.Store(0)
	for range 1000 {
		if _, err := c.Get(ctx, "a"); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.walks.Load(); n != 0 {
		t.Fatalf("1000 reads without a write asked the store %d times; want none", n)
	}
	f.write()
	if a, _ := c.Get(ctx, "a"); a.Revision != 1 {
		t.Fatalf("after a write: revision %d, want 1", a.Revision)
	}
	// Uncounted (a MongoDB shared with other servers): every round asks.
	f.counted.Store(false)
	f.walks.Store(0)
	for range 10 {
		if _, err := c.Get(ctx, "a"); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.walks.Load(); n != 10 {
		t.Fatalf("10 sequential uncounted reads asked %d times; want 10", n)
	}
}

// An account unconfirmed for longer than past versions are surely kept is
// read afresh, not walked: its next version may have been pruned.
func TestCurrentReloadsWhatItHasNotConfirmedLately(t *testing.T) {
	f := &fakeAccounts{}
	f.counted.Store(true)
	c := f.cache()
	now := time.Now()
	c.now = func() time.Time { return now }
	ctx := context.Background()
	if _, err := c.Get(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	f.walks.Store(0)
	f.revision.Store(7) // written, say, by a tool that bypassed the count
	now = now.Add(ReloadAfter)
	if a, _ := c.Get(ctx, "a"); a.Revision != 7 || f.walks.Load() != 0 {
		t.Fatalf("after %v: revision %d with %d walks; want 7, read afresh", ReloadAfter, a.Revision, f.walks.Load())
	}
}

// A write of this server is taken in by its cache: where nobody else wrote
// between the claim and the count after it, the next read is served
// without asking the store; where somebody did, it asks.
func TestCurrentTakesInThisServersWrites(t *testing.T) {
	f := &fakeAccounts{}
	f.counted.Store(true)
	f.revision.Store(1)
	c := f.cache()
	ctx := context.Background()
	if _, err := c.Get(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	before, _ := f.Writes()
	f.write()
	c.Wrote(&tenant.Account{ID: "a", Revision: 2}, before)
	f.walks.Store(0)
	if a, _ := c.Get(ctx, "a"); a.Revision != 2 || f.walks.Load() != 0 {
		t.Fatalf("after this server's write: revision %d with %d walks; want 2 and none", a.Revision, f.walks.Load())
	}
	if k := c.Known("a"); k == nil || k.Revision != 2 {
		t.Fatalf("known: %v; want revision 2", k)
	}
	// Another server writes revision 4 between this one's claim of 3 and its count.
	before, _ = f.Writes()
	f.write()
	f.write()
	c.Wrote(&tenant.Account{ID: "a", Revision: 3}, before)
	if a, _ := c.Get(ctx, "a"); a.Revision != 4 || f.walks.Load() != 1 {
		t.Fatalf("after a write elsewhere: revision %d with %d walks; want 4, asked once", a.Revision, f.walks.Load())
	}
	// An older write taken in late never moves the cache back.
	c.Wrote(&tenant.Account{ID: "a", Revision: 3}, before)
	if k := c.Known("a"); k.Revision != 4 {
		t.Fatalf("known moved back to revision %d", k.Revision)
	}
}

// Bursts of fifty callers while this server writes: every caller is
// answered with a revision at least as new as the one current when it
// called, five bursts over.
func TestCurrentBurstsAmidWritesAreNeverStale(t *testing.T) {
	f := &fakeAccounts{}
	f.revision.Store(1)
	f.counted.Store(true)
	c := f.cache()
	ctx := context.Background()
	for burst := range 5 {
		var wg sync.WaitGroup
		for i := range 50 {
			if i%10 == 0 {
				f.write()
			}
			before := f.revision.Load()
			wg.Go(func() {
				a, err := c.Get(ctx, "a")
				if err != nil {
					t.Error(err)
					return
				}
				if a.Revision < before {
					t.Errorf("burst %d: answered revision %d to a caller who came at %d", burst, a.Revision, before)
				}
			})
		}
		wg.Wait()
	}
}
