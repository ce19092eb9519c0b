package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/rules"
)

// The scale measure: a big Enterprise account in a store crowded with
// other accounts, against a small account in the same store and server.
const (
	defaultFillers = 10000
	defaultScale   = 5 * time.Second
	bigRoles       = 50
	bigUsers       = 50
	smallUsers     = 5
	// scaleClients sessions drive each account at once.
	scaleClients = 4
	// fillWorkers insert filler accounts side by side, to overlap round
	// trips; the embedded store is CPU-bound, so more gain nothing on 2 cores.
	fillWorkers = 4
	bigEmail    = "owner@big.example"
	smallEmail  = "owner@small.example"
)

// scaleEndpoints are the pages measured, each for both accounts.
var scaleEndpoints = []string{"/api/v1/matrix", "/api/v1/users", "/api/v1/roles", "/api/v1/users/stats", "/api/v1/audit"}

// scaleLoad stores a big account (every module, bigRoles roles granted
// every permission, bigUsers users), a small one (the default preset's
// four roles, smallUsers users) and fillers other accounts of one user
// each, starts the console on that store, and compares each endpoint's
// median latency for the big account with the small one's, both driven
// at the same time.
func scaleLoad(bin, web string, fillers int, d time.Duration) ([]row, error) {
	began := time.Now()
	dir, err := os.MkdirTemp("", "scale-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	grants := grantable()
	if err := setUp(bin, web, dir, grants); err != nil {
		return nil, err
	}
	setUpTook := time.Since(began)
	fillStart := time.Now()
	if err := withStore(dir, func(ctx context.Context, st *store.Store) error { return fill(ctx, st, fillers) }); err != nil {
		return nil, err
	}
	fillTook := time.Since(fillStart)

	srv, err := loadgen.StartIn(bin, web, dir)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	measureStart := time.Now()
	bigSessions, err := sessions(srv.Base, bigEmail)
	if err != nil {
		return nil, err
	}
	smallSessions, err := sessions(srv.Base, smallEmail)
	if err != nil {
		return nil, err
	}
	bigShape, err := describe(bigSessions[0])
	if err != nil {
		return nil, err
	}
	smallShape, err := describe(smallSessions[0])
	if err != nil {
		return nil, err
	}
	rows := []row{{
		"scale: store and accounts",
		fmt.Sprintf("big: %s; small: %s; set up over the API in %.1f s; then %d other accounts stored in %.1f s",
			bigShape, smallShape, setUpTook.Seconds(), fillers, fillTook.Seconds()),
		fmt.Sprintf("big %d roles x all %d permission ids (:own forms included), %d users; small %d users", bigRoles, len(grants), bigUsers, smallUsers),
		bigShape.roles == bigRoles && bigShape.fewestGrants == len(grants) && bigShape.users == bigUsers && smallShape.users == smallUsers,
	}}
	for _, path := range scaleEndpoints {
		bigSize, err := size(bigSessions[0], path)
		if err != nil {
			return nil, err
		}
		smallSize, err := size(smallSessions[0], path)
		if err != nil {
			return nil, err
		}
		// Both accounts at once: whatever else loads the machine then
		// weighs on both alike, and the ratio keeps steadier than in turns.
		var b, s loadgen.Run
		var wg sync.WaitGroup
		wg.Go(func() { b = loadgen.Drive(bigSessions, d, loadgen.Get(srv.Base+path)) })
		s = loadgen.Drive(smallSessions, d, loadgen.Get(srv.Base+path))
		wg.Wait()
		ratio := float64(b.P50) / float64(max(s.P50, 1))
		rows = append(rows, row{
			"GET " + path + " at scale, big/small",
			fmt.Sprintf("%.1fx: big p50 %s, %.0f req/s, %s; small p50 %s, %.0f req/s, %s%s",
				ratio, msText(b.P50), b.RPS, kB(bigSize), msText(s.P50), s.RPS, kB(smallSize), errorsText(b.Errors+s.Errors)),
			"<= 2x the small account",
			b.Errors == 0 && s.Errors == 0 && ratio <= 2,
		})
	}
	wire, err := wireRow(bigSessions[0])
	if err != nil {
		return nil, err
	}
	rows = append(rows, wire, row{"scale: wall time", fmt.Sprintf("%.0f s, of which sign-ins and measure %.0f s", time.Since(began).Seconds(), time.Since(measureStart).Seconds()), "-", true})
	return rows, nil
}

// setUp makes the big and small accounts with accounts.Create, then gives
// them their roles and users over the API as their owners, on a server of
// its own. It runs before the fillers go in, so that how long the store
// takes to fill is reported apart from the API's set-up.
func setUp(bin, web, dir string, grants []string) error {
	err := withStore(dir, func(ctx context.Context, st *store.Store) error {
		a, _, err := accounts.Create(ctx, st, accounts.New{Name: "Big Enterprise", Plan: "enterprise", OwnerName: "Big Owner", Email: bigEmail, Password: loadgen.Password})
		if err != nil {
			return err
		}
		// No API enables modules: the big account gets every one here.
		var modules []string
		for _, m := range perm.Catalog {
			if !m.Core {
				modules = append(modules, m.Key)
			}
		}
		if _, err := st.Accounts.Update(ctx, a.ID, func(a *tenant.Account) error { a.Modules = modules; return nil }); err != nil {
			return err
		}
		_, _, err = accounts.Create(ctx, st, accounts.New{Name: "Small Enterprise", Plan: "enterprise", OwnerName: "Small Owner", Email: smallEmail, Password: loadgen.Password})
		return err
	})
	if err != nil {
		return err
	}
	srv, err := loadgen.StartIn(bin, web, dir)
	if err != nil {
		return err
	}
	defer srv.Stop()
	big, err := loadgen.SignInAs(srv.Base, bigEmail, loadgen.Password)
	if err != nil {
		return err
	}
	if err := furnish(big, "big", bigRoles, bigUsers, grants); err != nil {
		return err
	}
	small, err := loadgen.SignInAs(srv.Base, smallEmail, loadgen.Password)
	if err != nil {
		return err
	}
	return furnish(small, "small", 0, smallUsers, nil)
}

// withStore opens the store in dir for f, with no server running on it.
func withStore(dir string, f func(context.Context, *store.Store) error) error {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		return err
	}
	defer st.Close(ctx)
	return f(ctx, st)
}

// fill stores n accounts as accounts.Create makes them, presets taken in
// turn, with one password hash for all: argon2 per account would take minutes.
func fill(ctx context.Context, st *store.Store, n int) error {
	hash, err := password.NewSalts(nil).Hash("owner@filler.example", loadgen.Password)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	next := make(chan int)
	errs := make(chan error, fillWorkers)
	var wg sync.WaitGroup
	for range fillWorkers {
		wg.Go(func() {
			for i := range next {
				p := preset.All[preset.Keys[i%len(preset.Keys)]]
				u := &store.User{
					ID: accounts.NewID(), AccountID: accounts.NewID(),
					Email:        auth.NormalizeEmail(fmt.Sprintf("owner%05d@filler.example", i)),
					PasswordHash: hash, CreatedAt: now,
				}
				// The preset's slices are shared, not copied: nothing changes them here.
				a := &tenant.Account{
					ID: u.AccountID, Name: fmt.Sprintf("Filler %05d", i), Plan: plan.Default, Preset: p.Key,
					Policy: p.Policy, Modules: p.Modules, Roles: p.Roles,
					Members: map[string]tenant.Member{u.ID: {
						Name: fmt.Sprintf("Owner %05d", i), Email: u.Email, CreatedAt: now,
						RoleID: p.Top().ID, Status: rules.StatusActive,
					}},
					Revision: 1, CreatedAt: now,
				}
				if err := st.Users.Insert(ctx, u); err != nil {
					errs <- err
					return
				}
				if err := st.Accounts.Insert(ctx, a); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var failed error
	for i := 0; i < n && failed == nil; i++ {
		select {
		case next <- i:
		case failed = <-errs:
		}
	}
	close(next)
	wg.Wait()
	if failed == nil && len(errs) > 0 {
		failed = <-errs
	}
	return failed
}

// furnish gives an account, as its owner over the API, roles up to roles in
// all and users up to users in all, spread over the roles, with passwords;
// then every role but Super Admin is granted grants, when given.
func furnish(owner *loadgen.Session, name string, roles, users int, grants []string) error {
	var list api.RoleList
	if err := getJSON(owner, "/api/v1/roles", &list); err != nil {
		return err
	}
	var ids []string
	for _, r := range list.Items {
		if !r.SuperAdmin {
			ids = append(ids, r.ID)
		}
	}
	for i := len(list.Items); i < roles; i++ {
		var r api.Role
		in := api.CreateRole{Name: fmt.Sprintf("Role %02d", i), Description: "A role of the scale measure."}
		if err := sendJSON(owner, "POST", "/api/v1/roles", in, &r); err != nil {
			return err
		}
		ids = append(ids, r.ID)
	}
	for i := 1; i < users; i++ {
		u := api.CreateUser{Name: fmt.Sprintf("User %02d", i), Email: fmt.Sprintf("user%02d@%s.example", i, name), RoleID: ids[i%len(ids)], Password: loadgen.Password}
		if _, err := owner.Send("POST", "/api/v1/users", u, nil); err != nil {
			return err
		}
	}
	if grants == nil {
		return nil
	}
	for _, id := range ids {
		if _, err := owner.Send("PATCH", "/api/v1/roles/"+id, api.PatchRole{Permissions: &grants}, nil); err != nil {
			return err
		}
	}
	return nil
}

// sessions signs the owner in scaleClients times.
func sessions(base, email string) ([]*loadgen.Session, error) {
	out := make([]*loadgen.Session, scaleClients)
	for i := range out {
		s, err := loadgen.SignInAs(base, email, loadgen.Password)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// grantable lists every permission id of the catalog, with the `:own`
// form wherever an action offers it.
func grantable() []string {
	var out []string
	for _, m := range perm.Catalog {
		for _, a := range m.Actions {
			id := perm.ID{Module: m.Key, Action: a.Key}
			out = append(out, id.String())
			if a.OwnScope {
				id.Own = true
				out = append(out, id.String())
			}
		}
	}
	return out
}

// shape is what an account holds, as the API reports it.
type shape struct {
	plan                                string
	roles, fewestGrants, modules, users int
}

func (s shape) String() string {
	return fmt.Sprintf("%s plan, %d roles (the least granted but Super Admin: %d permissions), %d modules, %d users",
		s.plan, s.roles, s.fewestGrants, s.modules, s.users)
}

// describe reads an account's plan, roles, modules and seats in use.
func describe(s *loadgen.Session) (shape, error) {
	var acct api.Account
	var list api.RoleList
	var cat api.Catalog
	for path, v := range map[string]any{"/api/v1/account": &acct, "/api/v1/roles": &list, "/api/v1/permissions": &cat} {
		if err := getJSON(s, path, v); err != nil {
			return shape{}, err
		}
	}
	sh := shape{plan: acct.Plan, roles: len(list.Items), fewestGrants: -1, modules: len(cat.Modules), users: acct.Seats.Used}
	for _, r := range list.Items {
		if !r.SuperAdmin && (sh.fewestGrants < 0 || len(r.Permissions) < sh.fewestGrants) {
			sh.fewestGrants = len(r.Permissions)
		}
	}
	return sh, nil
}

func getJSON(s *loadgen.Session, path string, v any) error { return sendJSON(s, "GET", path, nil, v) }

// sendJSON makes one request and decodes the answer into v.
func sendJSON(s *loadgen.Session, method, path string, in, v any) error {
	var out bytes.Buffer
	if _, err := s.Send(method, path, in, &out); err != nil {
		return err
	}
	return json.Unmarshal(out.Bytes(), v)
}

// size is the length of one answer to a GET.
func size(s *loadgen.Session, path string) (int, error) {
	var out bytes.Buffer
	_, err := s.Send("GET", path, nil, &out)
	return out.Len(), err
}

func msText(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func kB(n int) string { return fmt.Sprintf("%.1f kB", float64(n)/1000) }

func errorsText(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %d errors", n)
}
