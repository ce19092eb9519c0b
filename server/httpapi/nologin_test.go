package httpapi_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/rolesconsole/console/shared/api"
)

// The clinic CRM with a Staff page: "A team member can exist on the Staff
// page without having CRM access". Such a member holds no seat and no
// password, is listed apart, keeps who added them, and is invited later.
func TestStaffWithoutALogin(t *testing.T) {
	e, owner := presetEnv(t, "clinic-six")
	ownerID := me(t, owner).User.ID
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "starter"}).Want(200)
	// The owner and one more fill the Starter plan's two seats.
	e.WithRole("receptionist", "desk@clinic.example")
	seatsBefore := accountOf(t, owner).Seats.Used

	var pia api.User
	t.Run("added without a login, with no seat", func(t *testing.T) {
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Pia Porter", Email: "pia@clinic.example", RoleID: "staff", NoLogin: true}).Want(201).JSON(&pia)
		if pia.Status != "no_login" || pia.CreatedBy == nil || pia.CreatedBy.ID != ownerID {
			t.Fatalf("created %+v", pia)
		}
		if got := accountOf(t, owner).Seats.Used; got != seatsBefore {
			t.Errorf("seats %d -> %d", seatsBefore, got)
		}
		var l api.UserList
		owner.Do("GET", "/api/v1/users?status=no_login", nil).Want(200).JSON(&l)
		if len(l.Items) != 1 || l.Items[0].ID != pia.ID || l.Items[0].CreatedBy.Name == "" {
			t.Errorf("listed apart: %+v", l.Items)
		}
		var stats api.UserStats
		owner.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&stats)
		if stats.ByRole["staff"] != 0 || stats.PendingInvites != 0 {
			t.Errorf("counted as a holder or an invitation: %+v", stats)
		}
	})

	t.Run("they cannot sign in, and get no password", func(t *testing.T) {
		res := e.Client().Do("POST", "/api/v1/auth/login", map[string]string{"email": "pia@clinic.example", "password": ""})
		if res.Status != 400 && res.Status != 401 {
			t.Errorf("signing in without a login: %d", res.Status)
		}
		wantCode(t, owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Kai", Email: "kai@clinic.example", RoleID: "staff", NoLogin: true, Password: "kai-password-1234"}), 400, "invalid_input")
		wantCode(t, owner.Do("POST", "/api/v1/users/"+pia.ID+"/disable", nil), 409, "invalid_state")
		wantCode(t, owner.Do("POST", "/api/v1/users/"+pia.ID+"/reset-password", map[string]string{"mode": "email"}), 409, "invalid_state")
	})

	t.Run("invited later, when a seat is free", func(t *testing.T) {
		wantCode(t, owner.Do("POST", "/api/v1/users/"+pia.ID+"/invite", nil), 409, "seat_limit_reached")
		owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "professional"}).Want(200)
		var invited api.User
		owner.Do("POST", "/api/v1/users/"+pia.ID+"/invite", nil).Want(202).JSON(&invited)
		if invited.Status != "invited" {
			t.Fatalf("after the invitation: %+v", invited)
		}
		token := mailToken(t, owner, "pia@clinic.example", "/invite?token=")
		pia2 := e.Client()
		pia2.Do("POST", "/api/v1/auth/invites/accept", api.AcceptInvite{Token: token, Name: "Pia Porter", Password: "pia-password-1234"}).Want(200)
		if got := me(t, pia2).User; got.ID != pia.ID || got.Status != "active" {
			t.Errorf("signed in as %+v", got)
		}
	})

	t.Run("deleted and restored, they are back without a login", func(t *testing.T) {
		var kai api.User
		owner.Do("POST", "/api/v1/users", api.CreateUser{Name: "Kai Kettle", Email: "kai@clinic.example", RoleID: "staff", NoLogin: true}).Want(201).JSON(&kai)
		owner.Do("DELETE", "/api/v1/users/"+kai.ID, nil).Want(204)
		var back api.User
		owner.Do("POST", "/api/v1/users/"+kai.ID+"/restore", nil).Want(200).JSON(&back)
		if back.Status != "no_login" {
			t.Errorf("restored as %s", back.Status)
		}
	})
}

// Fifty at once, three times: with every seat taken, staff without a login
// are all added; invited all at once, exactly as many as seats are free are.
func TestStaffWithoutALoginUnderABurst(t *testing.T) {
	e, owner := presetEnv(t, "clinic-six")
	owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "starter"}).Want(200)
	e.WithRole("receptionist", "desk@clinic.example")
	for round := range 3 {
		ids := make([]string, 50)
		var wg sync.WaitGroup
		for i := range 50 {
			wg.Go(func() {
				var u api.User
				res := owner.Do("POST", "/api/v1/users", api.CreateUser{Name: fmt.Sprint("Staff ", round, "-", i), Email: fmt.Sprintf("s%d-%d@clinic.example", round, i), RoleID: "staff", NoLogin: true})
				if res.Status != 201 {
					t.Errorf("round %d: adding %d answered %d %s", round, i, res.Status, res.Body)
					return
				}
				res.JSON(&u)
				ids[i] = u.ID
			})
		}
		wg.Wait()
		a := accountOf(t, owner)
		if a.Seats.Used != 2 {
			t.Fatalf("round %d: %d seats used; staff without a login took some", round, a.Seats.Used)
		}
		// Seats free for the invitations of this round: the plan's, less the two taken.
		owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": []string{"professional", "business", "enterprise"}[round]}).Want(200)
		free := map[int]int{0: 3, 1: 13, 2: 48}[round]
		statuses := make([]int, 50)
		for i := range 50 {
			wg.Go(func() { statuses[i] = owner.Do("POST", "/api/v1/users/"+ids[i]+"/invite", nil).Status })
		}
		wg.Wait()
		invited := 0
		for _, s := range statuses {
			switch s {
			case 202:
				invited++
			case 409:
			default:
				t.Errorf("round %d: an invitation answered %d", round, s)
			}
		}
		if invited != free {
			t.Fatalf("round %d: %d invited with %d seats free", round, invited, free)
		}
		// Back to a full Starter-sized account for the next round: revoke them.
		var l api.UserList
		owner.Do("GET", "/api/v1/users?status=invited&limit=100", nil).Want(200).JSON(&l)
		for _, u := range l.Items {
			owner.Do("POST", "/api/v1/users/"+u.ID+"/revoke", nil).Want(200)
		}
		owner.Do("PATCH", "/api/v1/account", map[string]string{"plan": "starter"}).Want(200)
	}
}
