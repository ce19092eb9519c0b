package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

func open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// secondServer opens st's embedded store as another server process does,
// through its outside door.
func secondServer(t *testing.T, st *store.Store) *store.Store {
	t.Helper()
	other, err := store.Open(context.Background(), store.Config{URI: st.Embedded().OutsideURI()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close(context.Background()) })
	return other
}

func newAccount(t *testing.T, st *store.Store) *tenant.Account {
	t.Helper()
	a := &tenant.Account{ID: "acct", Name: "A", Plan: "starter", Members: map[string]tenant.Member{}, Revision: 1, CreatedAt: time.Now()}
	if err := st.Accounts.Insert(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// Concurrent read-modify-write updates lose nothing: each claims its own
// revision, and a loser retries on a fresh read.
func TestConcurrentUpdatesLoseNothing(t *testing.T) {
	st := open(t)
	newAccount(t, st)
	const writers = 50
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := st.Accounts.Update(context.Background(), "acct", func(a *tenant.Account) error {
				a.Members[string(rune('a'+i%26))+string(rune('a'+i/26))] = tenant.Member{Status: rules.StatusActive}
				return nil
			})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	a, err := st.Accounts.Get(context.Background(), "acct")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Members) != writers || a.Revision != writers+1 {
		t.Fatalf("%d members at revision %d after %d updates", len(a.Members), a.Revision, writers)
	}
}

// An invariant checked inside the update holds under concurrency: of 20
// writers racing for the one free place, exactly one gets it.
func TestInvariantHoldsUnderRace(t *testing.T) {
	st := open(t)
	newAccount(t, st)
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := st.Accounts.Update(context.Background(), "acct", func(a *tenant.Account) error {
				if a.SeatsUsed() >= 1 {
					return store.ErrConflict // stands in for a refusal
				}
				a.Members[string(rune('a'+i))] = tenant.Member{Status: rules.StatusActive}
				return nil
			})
			if err == nil {
				mu.Lock()
				won++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	a, _ := st.Accounts.Get(context.Background(), "acct")
	if won != 1 || a.SeatsUsed() != 1 {
		t.Fatalf("%d writers won, %d seats used; want 1 and 1", won, a.SeatsUsed())
	}
}

// A writer that dies after claiming a revision, before caching it and
// moving its audit record, loses neither: the next read finishes the job.
func TestClaimedRevisionIsSettledByTheNextRead(t *testing.T) {
	st := open(t)
	a := newAccount(t, st)
	db := st.Database()
	next := *a
	next.Revision = 2
	next.Name = "Renamed"
	rec := next.Record(tenant.AuditRecord{Action: "account.rename", At: time.Now()})
	if _, err := db.Collection("account_versions").InsertOne(context.Background(),
		bson.M{"_id": "acct:000000000002", "account": next}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Accounts.Get(context.Background(), "acct")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Renamed" || got.Revision != 2 {
		t.Fatalf("read %q at revision %d; want the claimed revision", got.Name, got.Revision)
	}
	if _, err := st.Audit.Get(context.Background(), "acct", rec.ID); err != nil {
		t.Fatalf("the claimed revision's audit record was not moved: %v", err)
	}
	var cached tenant.Account
	if err := db.Collection("accounts").FindOne(context.Background(), bson.M{"_id": "acct"}).Decode(&cached); err != nil || cached.Revision != 2 || len(cached.Outbox) != 0 {
		t.Fatalf("cache at revision %d with outbox %v (%v)", cached.Revision, cached.Outbox, err)
	}
}

// Old versions are pruned only far behind the current revision, and the
// account reads and updates as before.
func TestPruneVersions(t *testing.T) {
	st := open(t)
	newAccount(t, st)
	ctx := context.Background()
	for i := range 80 {
		if _, err := st.Accounts.Update(ctx, "acct", func(a *tenant.Account) error {
			a.Name = fmt.Sprint("name ", i)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	versions := st.Database().Collection("account_versions")
	count := func() int64 {
		n, err := versions.CountDocuments(ctx, bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := st.Accounts.PruneVersions(ctx, time.Now()); err != nil || count() != 80 {
		t.Fatalf("recent versions were pruned: %d left (%v)", count(), err)
	}
	if err := st.Accounts.PruneVersions(ctx, time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Revision 81 now; versions below 81-64 = 17 go: revisions 2..16.
	if n := count(); n != 65 {
		t.Errorf("%d versions after pruning; want 65", n)
	}
	a, err := st.Accounts.Update(ctx, "acct", func(a *tenant.Account) error { a.Name = "after"; return nil })
	if err != nil || a.Revision != 82 || a.Name != "after" {
		t.Fatalf("update after pruning: %+v, %v", a, err)
	}
}

// Current never answers older than a change that finished before it was
// asked, whichever server made the change: this process, or another one
// reaching the embedded store through its proxy. Readers keep asking
// meanwhile, so rounds and the count of writes interleave with the changes.
func TestCurrentSeesEveryFinishedChange(t *testing.T) {
	st := open(t)
	newAccount(t, st)
	ctx := context.Background()
	other := secondServer(t, st)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for _, s := range []*store.Store{st, other, st, other} {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := s.Accounts.Current(ctx, "acct"); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for i := range 100 {
		w, r := st, other
		if i%2 == 1 {
			w, r = other, st
		}
		a, err := w.Accounts.Update(ctx, "acct", func(a *tenant.Account) error { a.Name = fmt.Sprint("name ", i); return nil })
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []*store.Store{r, w} {
			got, err := s.Accounts.Current(ctx, "acct")
			if err != nil {
				t.Fatal(err)
			}
			if got.Revision < a.Revision {
				t.Fatalf("change %d: read revision %d after revision %d was written", i, got.Revision, a.Revision)
			}
		}
	}
	close(stop)
	wg.Wait()
}

// A change that refuses the account as this server held it, which another
// server has since moved on, is judged again on the account as stored:
// only that refusal counts.
func TestARefusalIsJudgedOnTheStoredAccount(t *testing.T) {
	st := open(t)
	newAccount(t, st)
	ctx := context.Background()
	other := secondServer(t, st)
	if _, err := other.Accounts.Current(ctx, "acct"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Accounts.Update(ctx, "acct", func(a *tenant.Account) error {
		a.Members["new"] = tenant.Member{Name: "New", Status: rules.StatusActive}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a, err := other.Accounts.Update(ctx, "acct", func(a *tenant.Account) error {
		m, ok := a.Members["new"]
		if !ok {
			return store.ErrNotFound
		}
		m.Name = "Renamed"
		a.Members["new"] = m
		return nil
	})
	if err != nil || a.Members["new"].Name != "Renamed" || a.Revision != 3 {
		t.Fatalf("the other server's change: %v, %v", a, err)
	}
}

// Two servers sharing the store, fifty writers split between them, racing
// for five free seats, three times over: exactly five win each time, and
// every winner's change is in the account once.
func TestTwoServersRacingForSeatsKeepTheLimit(t *testing.T) {
	st := open(t)
	other := secondServer(t, st)
	newAccount(t, st)
	const writers, seats = 50, 5
	full := errors.New("no seat free")
	for round := range 3 {
		var wg sync.WaitGroup
		var mu sync.Mutex
		var won []string
		for i := range writers {
			srv := st
			if i%2 == 1 {
				srv = other
			}
			id := fmt.Sprintf("r%d-m%d", round, i)
			wg.Go(func() {
				_, err := srv.Accounts.Update(context.Background(), "acct", func(a *tenant.Account) error {
					if a.SeatsUsed() >= seats*(round+1) {
						return full // stands in for the seat limit's refusal
					}
					a.Members[id] = tenant.Member{Status: rules.StatusActive}
					return nil
				})
				if err == nil {
					mu.Lock()
					won = append(won, id)
					mu.Unlock()
				} else if !errors.Is(err, full) {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		for _, srv := range []*store.Store{st, other} {
			a, err := srv.Accounts.Current(context.Background(), "acct")
			if err != nil {
				t.Fatal(err)
			}
			if len(won) != seats || a.SeatsUsed() != seats*(round+1) {
				t.Fatalf("round %d: %d writers won, %d seats used; want %d and %d", round, len(won), a.SeatsUsed(), seats, seats*(round+1))
			}
			for _, id := range won {
				if _, ok := a.Members[id]; !ok {
					t.Fatalf("round %d: winner %s is not in the account", round, id)
				}
			}
		}
	}
}
