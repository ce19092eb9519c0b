package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/server/tenant"
)

func openInternal(t *testing.T) *Store {
	t.Helper()
	st, err := Open(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	if err := st.Accounts.Insert(context.Background(), &tenant.Account{ID: "acct", Name: "A", Members: map[string]tenant.Member{}, Revision: 1}); err != nil {
		t.Fatal(err)
	}
	return st
}

// A writer that dies after claiming a revision with its change, before
// moving its audit record and caching the account, loses neither: the
// next read, here or on another server, finishes the job.
func TestAChangeClaimedButNotSettledIsFinishedByTheNextRead(t *testing.T) {
	st := openInternal(t)
	ctx := context.Background()
	base, err := st.Accounts.Get(ctx, "acct")
	if err != nil {
		t.Fatal(err)
	}
	var rec tenant.AuditRecord
	a, _, err := st.Accounts.claim(ctx, base, func(a *tenant.Account) error {
		a.Name = "Renamed"
		rec = a.Record(tenant.AuditRecord{Action: "account.rename", At: time.Now()})
		return nil
	})
	if err != nil || a == nil {
		t.Fatalf("claim: %v, %v", a, err)
	}
	// The writer stops here. Another server reads the account.
	other, err := Open(ctx, Config{URI: st.Embedded().OutsideURI()})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	got, err := other.Accounts.Get(ctx, "acct")
	if err != nil || got.Name != "Renamed" || got.Revision != 2 {
		t.Fatalf("read %+v (%v); want the claimed revision", got, err)
	}
	if _, err := st.Audit.Get(ctx, "acct", rec.ID); err != nil {
		t.Fatalf("the claimed revision's audit record was not moved: %v", err)
	}
	var cached tenant.Account
	if err := st.Accounts.c.FindOne(ctx, bson.M{"_id": "acct"}).Decode(&cached); err != nil || cached.Revision != 2 || cached.Name != "Renamed" || len(cached.Outbox) != 0 {
		t.Fatalf("cache at revision %d (%q) with outbox %v (%v)", cached.Revision, cached.Name, cached.Outbox, err)
	}
	// And the next write goes on from there.
	if a, err := st.Accounts.Update(ctx, "acct", func(a *tenant.Account) error { a.Plan = "pro"; return nil }); err != nil || a.Revision != 3 || a.Name != "Renamed" {
		t.Fatalf("next write: %+v, %v", a, err)
	}
}

// A writer that claimed a revision this server then read by walking (not
// by a fresh read), and that stopped before moving its audit record: the
// next write of this server moves it, before writing on top of it.
func TestAWriteOnAWalkedRevisionMovesItsAuditRecordFirst(t *testing.T) {
	st := openInternal(t)
	ctx := context.Background()
	base, err := st.Accounts.Current(ctx, "acct")
	if err != nil {
		t.Fatal(err)
	}
	var rec tenant.AuditRecord
	if _, _, err := st.Accounts.claim(ctx, base, func(a *tenant.Account) error {
		rec = a.Record(tenant.AuditRecord{Action: "account.rename", At: time.Now()})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if a, err := st.Accounts.Current(ctx, "acct"); err != nil || a.Revision != 2 {
		t.Fatalf("walked to %v (%v)", a, err)
	}
	if _, err := st.Accounts.Update(ctx, "acct", func(a *tenant.Account) error { a.Plan = "pro"; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Audit.Get(ctx, "acct", rec.ID); err != nil {
		t.Fatalf("the walked revision's audit record was not moved: %v", err)
	}
}

// Both ways of caching the account document work on the embedded store:
// FerretDB's (by _id, unchecked) and MongoDB's (one replace filtered on the
// revision, atomic there; on FerretDB it reads the whole collection, and is
// run here to keep the path tested). Under fifty concurrent writers from
// two servers the document lands on a revision no older than cacheEvery
// behind, and reads walk from it to the newest.
func TestBothWaysOfCachingTheAccountDocument(t *testing.T) {
	for _, atomic := range []bool{false, true} {
		t.Run(fmt.Sprint("atomic filters ", atomic), func(t *testing.T) {
			st := openInternal(t)
			ctx := context.Background()
			other, err := Open(ctx, Config{URI: st.Embedded().OutsideURI()})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close(ctx)
			if other.Accounts.atomicFilters || st.Accounts.atomicFilters {
				t.Fatal("the embedded store was taken for a MongoDB")
			}
			st.Accounts.atomicFilters, other.Accounts.atomicFilters = atomic, atomic
			var wg sync.WaitGroup
			for i := range 50 {
				s := []*Store{st, other}[i%2]
				wg.Go(func() {
					if _, err := s.Accounts.Update(ctx, "acct", func(a *tenant.Account) error {
						a.Members[fmt.Sprint("m", i)] = tenant.Member{Name: fmt.Sprint(i)}
						return nil
					}); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			var cached tenant.Account
			if err := st.Accounts.c.FindOne(ctx, bson.M{"_id": "acct"}).Decode(&cached); err != nil {
				t.Fatal(err)
			}
			if cached.Revision < 51-cacheEvery {
				t.Errorf("document cached at revision %d of 51", cached.Revision)
			}
			for _, s := range []*Store{st, other} {
				a, err := s.Accounts.Get(ctx, "acct")
				if err != nil || a.Revision != 51 || len(a.Members) != 50 {
					t.Fatalf("read %d members at revision %d (%v)", len(a.Members), a.Revision, err)
				}
			}
		})
	}
}
