package httpapi_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Each account invariant, attacked by 50 concurrent requests that would
// together break it, 20 times over. The counts of repetitions and
// violations are logged for the record; any violation fails.
const (
	raceRequests = 50
	raceRounds   = 20
)

// addMembers puts n active users with the role straight into the store,
// without password hashing: the races are about the account document.
func addMembers(t *testing.T, e *servertest.Env, n int, roleID, prefix string) []string {
	t.Helper()
	ids := make([]string, n)
	now := time.Now().UTC()
	for i := range ids {
		ids[i] = fmt.Sprintf("%s%04d", prefix, i)
		if err := e.Server.Store.Users.Insert(t.Context(), &store.User{ID: ids[i], AccountID: accountID(t, e), Email: ids[i] + "@race.example", CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.Server.Store.Accounts.Update(t.Context(), accountID(t, e), func(a *tenant.Account) error {
		for _, id := range ids {
			a.Members[id] = tenant.Member{Name: id, Email: id + "@race.example", CreatedAt: now, RoleID: roleID, Status: rules.StatusActive}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func account(t *testing.T, e *servertest.Env) *tenant.Account {
	t.Helper()
	a, err := e.Server.Store.Accounts.Get(t.Context(), accountID(t, e))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// race sends the requests all at once and returns their statuses.
func race(n int, send func(i int) int) []int {
	var wg sync.WaitGroup
	out := make([]int, n)
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = send(i)
		}()
	}
	close(start)
	wg.Wait()
	return out
}

func count[T comparable](all []T, one T) int {
	n := 0
	for _, s := range all {
		if s == one {
			n++
		}
	}
	return n
}

func TestRaceSeats(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.API.RequestTimeout = time.Minute })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "starter"}).Want(200)
	violations := 0
	for round := range raceRounds {
		// One seat of two is free: of 50 invitations, one gets it.
		statuses := race(raceRequests, func(i int) int {
			return owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "R", Email: fmt.Sprintf("r%d-%d@race.example", round, i), RoleID: "staff"}).Status
		})
		a := account(t, e)
		if count(statuses, 201) != 1 || a.SeatsUsed() != 2 {
			violations++
			t.Errorf("round %d: %d created, %d seats used of 2", round, count(statuses, 201), a.SeatsUsed())
		}
		for id, m := range a.Members {
			if m.Status == rules.StatusInvited {
				owner.Do("POST", "/api/v1/users/"+id+"/revoke", nil).Want(200)
			}
		}
	}
	t.Logf("seats: %d rounds of %d requests, %d violations", raceRounds, raceRequests, violations)
}

func TestRaceLastSuperAdmin(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.API.RequestTimeout = time.Minute })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	violations := 0
	for round := range raceRounds {
		// Two super admins disable each other, 25 times each, at once.
		email := fmt.Sprintf("super%d@race.example", round)
		otherID := createUser(t, owner, "Super", email, "super_admin", "super-race-password-1").ID
		other := e.Client()
		other.Login(email, "super-race-password-1")
		ownerID := me(t, owner).User.ID
		statuses := race(raceRequests, func(i int) int {
			if i%2 == 0 {
				return owner.Do("POST", "/api/v1/users/"+otherID+"/disable", nil).Status
			}
			return other.Do("POST", "/api/v1/users/"+ownerID+"/disable", nil).Status
		})
		a := account(t, e)
		active := 0
		for _, m := range a.Members {
			if r, _ := a.Role(m.RoleID); r.SuperAdmin && m.Status == rules.StatusActive {
				active++
			}
		}
		if active != 1 || count(statuses, 200) != 1 {
			violations++
			t.Errorf("round %d: %d active super admins, %d disables succeeded", round, active, count(statuses, 200))
		}
		// Start the next round from the one left standing.
		if a.Members[ownerID].Status != rules.StatusActive {
			owner = other
		}
	}
	t.Logf("last super admin: %d rounds of %d requests, %d violations", raceRounds, raceRequests, violations)
}

func TestRaceRoleCap(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.API.RequestTimeout = time.Minute })
	owner := e.SignedIn()
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "enterprise"}).Want(200)
	var lead api.Role
	owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Lead"}).Want(201).JSON(&lead)
	setRoleCap(t, e, lead.ID, 3)
	ids := addMembers(t, e, raceRequests, "read_only", "cap")
	violations := 0
	for round := range raceRounds {
		statuses := race(raceRequests, func(i int) int {
			return owner.Do("PATCH", "/api/v1/users/"+ids[i], map[string]string{"role_id": lead.ID}).Status
		})
		if holders := account(t, e).SeatedByRole()[lead.ID]; holders != 3 || count(statuses, 200) != 3 {
			violations++
			t.Errorf("round %d: %d holders of a role capped at 3 (%d changes succeeded)", round, holders, count(statuses, 200))
		}
		setRoles(t, e, ids, "read_only")
	}
	t.Logf("role cap: %d rounds of %d requests, %d violations", raceRounds, raceRequests, violations)
}

func TestRaceLadder(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Preset = "ladder"; c.API.RequestTimeout = time.Minute })
	super := e.SignedIn()
	id := addMembers(t, e, 1, "teammate", "climber")[0]
	targets := []string{"admin", "project_manager", "office_manager"}
	ranks := map[string]int{"admin": 1, "project_manager": 2, "office_manager": 3, "teammate": 4}
	violations := 0
	for round := range raceRounds {
		// Promotions to three rungs at once: whatever order they land in,
		// none may move the user down.
		statuses := race(raceRequests, func(i int) int {
			return super.Do("PATCH", "/api/v1/users/"+id, map[string]string{"role_id": targets[i%3]}).Status
		})
		best := 4
		for i, s := range statuses {
			if s == 200 {
				best = min(best, ranks[targets[i%3]])
			}
		}
		if got := ranks[account(t, e).Members[id].RoleID]; got != best {
			violations++
			t.Errorf("round %d: ended on rung %d though rung %d was reached", round, got, best)
		}
		_, err := e.Server.Store.Accounts.Update(t.Context(), accountID(t, e), func(a *tenant.Account) error {
			m := a.Members[id]
			m.RoleID = "teammate"
			a.Members[id] = m
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("ladder: %d rounds of %d requests, %d violations", raceRounds, raceRequests, violations)
}

// The ladder's Super Admin role is capped; only a super admin may promote
// to it, and that promoter holds a seat of the cap. So the cap is raised to
// two, leaving one seat free, and 50 admins are promoted to it at once:
// exactly one gets it, the others are refused for the cap.
func TestRaceOneSuperAdminInTheLadder(t *testing.T) {
	e := servertest.Start(t, func(c *server.Config) { c.Preset = "ladder"; c.API.RequestTimeout = time.Minute })
	super := e.SignedIn()
	setRoleCap(t, e, "super_admin", 2)
	ids := addMembers(t, e, raceRequests, "admin", "climb")
	violations := 0
	for round := range raceRounds {
		var codes []string
		var mu sync.Mutex
		statuses := race(raceRequests, func(i int) int {
			res := super.Do("PATCH", "/api/v1/users/"+ids[i], map[string]string{"role_id": "super_admin"})
			if res.Status != 200 {
				mu.Lock()
				codes = append(codes, res.ErrorCode())
				mu.Unlock()
			}
			return res.Status
		})
		var winners []string
		for id, m := range account(t, e).Members {
			if m.RoleID == "super_admin" && slices.Contains(ids, id) {
				winners = append(winners, id)
			}
		}
		refusedForTheCap := count(codes, api.CodeRoleCapReached)
		if len(winners) != 1 || count(statuses, 200) != 1 || refusedForTheCap != raceRequests-1 {
			violations++
			t.Errorf("round %d: %d promoted, %d promotions succeeded, %d refused for the cap", round, len(winners), count(statuses, 200), refusedForTheCap)
		}
		// Free the seat again (the ladder allows no demotion through the API).
		setRoles(t, e, winners, "admin")
	}
	t.Logf("one seat of the Super Admin cap: %d rounds of %d requests, %d violations", raceRounds, raceRequests, violations)
}

// setRoles gives the members a role through the store, past every rule:
// how a race test starts its next round.
func setRoles(t *testing.T, e *servertest.Env, ids []string, roleID string) {
	t.Helper()
	_, err := e.Server.Store.Accounts.Update(t.Context(), accountID(t, e), func(a *tenant.Account) error {
		for _, id := range ids {
			m := a.Members[id]
			m.RoleID = roleID
			a.Members[id] = m
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
