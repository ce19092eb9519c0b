package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
)

// The write measure: admins toggling matrix cells of the big account of
// the scale measure (bigRoles roles, bigUsers users), alone and at once.
const (
	floorPairs    = 40
	soloToggles   = 40
	crowd         = 10
	crowdToggles  = 20
	throng        = 50
	throngToggles = 2
)

// writeLoad compares account writes with what the store itself costs: the
// floor is one bare insert plus one update by _id, timed on the same store
// (its files, opened by this process) just before the server starts on it
// and again after it stops; the lower of the two counts, so that a busy
// moment of the machine cannot lift the floor.
func writeLoad(bin, web string) ([]row, error) {
	dir, err := os.MkdirTemp("", "writes-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	grants := grantable()
	if err := setUp(bin, web, dir, grants); err != nil {
		return nil, err
	}
	var floor time.Duration
	if err := withStore(dir, func(ctx context.Context, st *store.Store) error {
		var err error
		floor, err = storeFloor(ctx, st)
		return err
	}); err != nil {
		return nil, err
	}

	srv, err := loadgen.StartIn(bin, web, dir)
	if err != nil {
		return nil, err
	}
	owners := make([]*loadgen.Session, throng)
	for i := range owners {
		if owners[i], err = loadgen.SignInAs(srv.Base, bigEmail, loadgen.Password); err != nil {
			srv.Stop()
			return nil, err
		}
	}
	var list api.RoleList
	if err := getJSON(owners[0], "/api/v1/roles", &list); err != nil {
		srv.Stop()
		return nil, err
	}
	var roles []api.Role
	for _, r := range list.Items {
		if !r.SuperAdmin {
			roles = append(roles, r)
		}
	}
	// One cell per admin, all different, each granted to begin with, and
	// none an :own form (revoking one the wider grant implies changes nothing).
	cells := make([]string, throng)
	for i := range cells {
		r := roles[i%len(roles)]
		var wide []string
		for _, p := range r.Permissions {
			if !strings.Contains(p, ":") {
				wide = append(wide, p)
			}
		}
		cells[i] = "/api/v1/roles/" + r.ID + "/permissions/" + url.PathEscape(wide[i/len(roles)])
	}
	revision := func() int64 {
		var a api.Account
		if err := getJSON(owners[0], "/api/v1/account", &a); err != nil {
			return -1
		}
		return a.Revision
	}

	startRev := revision()
	solo := toggles(owners[:1], cells, soloToggles)
	ten := toggles(owners[:crowd], cells, crowdToggles)
	fromRev := revision()
	fifty := toggles(owners, cells, throngToggles)
	endRev := revision()
	srv.Stop()

	var perChange, perRecord, accountSize float64
	var audited int64
	var floorAfter time.Duration
	if err := withStore(dir, func(ctx context.Context, st *store.Store) error {
		var a tenant.Account
		if err := bigAccount(ctx, st, &a); err != nil {
			return err
		}
		var err error
		if floorAfter, err = storeFloor(ctx, st); err != nil {
			return err
		}
		raw, err := bson.Marshal(a)
		accountSize = float64(len(raw))
		if err != nil {
			return err
		}
		if audited, err = st.Database().Collection("audit").CountDocuments(ctx, bson.M{"account_id": a.ID, "action": "role.permission"}); err != nil {
			return err
		}
		if perChange, err = meanBytes(ctx, st, "account_versions", bson.M{"account_id": a.ID, "revision": bson.M{"$gt": startRev}}); err != nil {
			return err
		}
		perRecord, err = meanBytes(ctx, st, "audit", bson.M{"account_id": a.ID, "action": "role.permission"})
		return err
	}); err != nil {
		return nil, err
	}
	floorBefore := floor
	floor = min(floor, floorAfter)
	applied := solo.ok + ten.ok + fifty.ok
	moved, wrote := endRev-fromRev, endRev-startRev
	p50 := solo.p50()
	return []row{
		{"writes: floor, one insert + one update by _id", fmt.Sprintf("%s (before the server ran %s, after %s)", msText(floor), msText(floorBefore), msText(floorAfter)), "-", floor > 0},
		{"writes: one admin toggling a cell, big account", fmt.Sprintf("%.1fx floor: p50 %s, %d of %d applied%s",
			ratio(p50, floor), msText(p50), solo.ok, solo.sent, statusText(solo.status)),
			"<= 3x floor", solo.ok == solo.sent && ratio(p50, floor) <= 3},
		{fmt.Sprintf("writes: %d admins at once on one account", crowd), fmt.Sprintf("%.0f%% of one admin's writes/s (%.0f vs %.0f), p50 %s, p99 %s (%.1fx p50)%s",
			100*ten.rate()/solo.rate(), ten.rate(), solo.rate(), msText(ten.p50()), msText(ten.p99()), ratio(ten.p99(), ten.p50()), statusText(ten.status)),
			">= 80% of one admin's, p99 <= 5x p50", ten.ok == ten.sent && ten.rate() >= 0.8*solo.rate() && ten.p99() <= 5*ten.p50()},
		{fmt.Sprintf("writes: %d admins x %d writes at once", throng, throngToggles), fmt.Sprintf("answers %v; revision moved %d; in all %d toggles answered 200, %d revisions, %d audit records",
			fifty.status, moved, applied, wrote, audited),
			"no 5xx, every write applied once", fifty.ok == fifty.sent && moved == int64(fifty.ok) && wrote == int64(applied) && audited == int64(applied)},
		{"writes: bytes stored per toggle (BSON of its version document)", fmt.Sprintf("%.0f B (%.1f%% of the account document, %.0f B), carrying its audit record (%.0f B as stored in the log)",
			perChange, 100*perChange/accountSize, accountSize, perRecord),
			"<= 10% of the account document", perChange > 0 && perChange <= 0.1*accountSize},
	}, nil
}

// storeFloor times floorPairs pairs of one insert and one update by _id of
// a small document, and returns the median pair.
func storeFloor(ctx context.Context, st *store.Store) (time.Duration, error) {
	c := st.Database().Collection("bench_floor")
	var took []time.Duration
	for i := range floorPairs {
		t0 := time.Now()
		if _, err := c.InsertOne(ctx, bson.M{"_id": i, "n": 0}); err != nil {
			return 0, err
		}
		if _, err := c.UpdateOne(ctx, bson.M{"_id": i}, bson.M{"$set": bson.M{"n": 1}}); err != nil {
			return 0, err
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	return took[len(took)/2], c.Drop(ctx)
}

// bigAccount reads the big account's document as stored.
func bigAccount(ctx context.Context, st *store.Store, a *tenant.Account) error {
	person, err := st.People.Get(ctx, bigEmail)
	if err != nil {
		return err
	}
	if len(person.Memberships) != 1 {
		return fmt.Errorf("%d memberships %s", len(person.Memberships), bigEmail)
	}
	got, err := st.Accounts.Get(ctx, person.Order()[0].AccountID)
	if err != nil {
		return err
	}
	*a = *got
	return nil
}

// meanBytes is the mean BSON size of the documents filter finds in a
// collection: of an account's versions, what the store keeps per change.
func meanBytes(ctx context.Context, st *store.Store, collection string, filter bson.M) (float64, error) {
	cur, err := st.Database().Collection(collection).Find(ctx, filter)
	if err != nil {
		return 0, err
	}
	defer cur.Close(ctx)
	n, total := 0, 0
	for cur.Next(ctx) {
		n, total = n+1, total+len(cur.Current)
	}
	if n == 0 {
		return 0, cur.Err()
	}
	return float64(total) / float64(n), cur.Err()
}

// togglesRun is what a run of toggles got.
type togglesRun struct {
	sent, ok int
	status   map[int]int
	took     []time.Duration
	elapsed  time.Duration
}

func (t togglesRun) p50() time.Duration { return t.took[len(t.took)/2] }
func (t togglesRun) p99() time.Duration { return t.took[len(t.took)*99/100] }
func (t togglesRun) rate() float64      { return float64(t.ok) / t.elapsed.Seconds() }

// toggles has every session toggle n times, all at once, each its own cell
// in turn off and on, so that every write is a change.
func toggles(sessions []*loadgen.Session, cells []string, n int) togglesRun {
	run := togglesRun{status: map[int]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := time.Now()
	for i, s := range sessions {
		cell := cells[i]
		wg.Go(func() {
			for k := range n {
				granted := k%2 == 1
				t0 := time.Now()
				code, _ := s.Send("PUT", cell, api.Toggle{Granted: &granted}, nil)
				d := time.Since(t0)
				mu.Lock()
				run.sent++
				run.status[code]++
				if code == 200 {
					run.ok++
					run.took = append(run.took, d)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	run.elapsed = time.Since(start)
	slices.Sort(run.took)
	if len(run.took) == 0 {
		run.took = []time.Duration{0}
	}
	return run
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(max(b, 1)) }

func statusText(status map[int]int) string {
	if len(status) == 1 && status[200] > 0 {
		return ""
	}
	return fmt.Sprintf("; answers %v", status)
}
