package rules

import (
	"testing"

	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/role"
)

func seats(used int, holders map[string]int) Seats {
	tier, _ := plan.Lookup("professional")
	return Seats{Plan: tier, Used: used, Seated: holders}
}

var (
	owner    = role.Role{ID: "owner", Name: "Owner", MaxHolders: 4}
	uncapped = role.Role{ID: "staff", Name: "Staff"}
)

func message(r *Refusal) string {
	if r == nil {
		return ""
	}
	return r.Message
}

func TestAdmit(t *testing.T) {
	cases := []struct {
		name  string
		seats Seats
		role  role.Role
		code  string
		msg   string
	}{
		{"room", seats(3, map[string]int{"owner": 3}), owner, "", ""},
		{"cap full", seats(4, map[string]int{"owner": 4}), owner, "role_cap_reached", "Owner is limited to 4 users."},
		{"seats full, before the cap", seats(5, map[string]int{"owner": 4}), owner, "seat_limit_reached", "Every seat of the Professional plan is taken (5)."},
		{"seats full, uncapped role", seats(5, nil), uncapped, "seat_limit_reached", "Every seat of the Professional plan is taken (5)."},
		{"no cap", seats(4, map[string]int{"staff": 4}), uncapped, "", ""},
		{"one super admin", seats(1, map[string]int{"super_admin": 1}), role.Role{ID: "super_admin", Name: "Super Admin", MaxHolders: 1}, "role_cap_reached", "Super Admin is limited to one user."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := c.seats.Admit(c.role)
			if code(got) != c.code || message(got) != c.msg {
				t.Errorf("Admit = %q %q; want %q %q", code(got), message(got), c.code, c.msg)
			}
		})
	}
}

// Someone who may not view billing is not told the plan: the UI leaves
// the seats to the server, whose refusal does not name the plan.
func TestFreeWithThePlanHidden(t *testing.T) {
	if no := (Seats{Used: 99}).Free(); no != nil {
		t.Errorf("unknown plan: %v", no)
	}
	s := seats(5, nil)
	s.PlanHidden = true
	if no := s.Free(); code(no) != "seat_limit_reached" || no.Message != "Every seat of the account's plan is taken." {
		t.Errorf("hidden plan: %v", no)
	}
}

func TestFree(t *testing.T) {
	cases := []struct {
		used int
		want string
	}{{0, ""}, {4, ""}, {5, "seat_limit_reached"}, {6, "seat_limit_reached"}}
	for _, c := range cases {
		if got := code(seats(c.used, nil).Free()); got != c.want {
			t.Errorf("Free with %d used = %q; want %q", c.used, got, c.want)
		}
	}
}

func TestReadmit(t *testing.T) {
	full := seats(5, map[string]int{"owner": 4})
	capped := seats(4, map[string]int{"owner": 4})
	cases := []struct {
		name     string
		seats    Seats
		from, to string
		want     string
	}{
		{"revoked invited again, seats full", full, StatusRevoked, StatusInvited, "seat_limit_reached"},
		{"revoked invited again, cap full", capped, StatusRevoked, StatusInvited, "role_cap_reached"},
		{"restored to active, seats full", full, StatusDeleted, StatusActive, "seat_limit_reached"},
		{"restored to revoked takes no seat", full, StatusDeleted, StatusRevoked, ""},
		{"enabled keeps the seat", full, StatusDisabled, StatusActive, ""},
		{"invitation resent keeps the seat", full, StatusInvited, StatusInvited, ""},
		{"deleted frees the seat", full, StatusActive, StatusDeleted, ""},
		{"purged", full, StatusDeleted, "", ""},
		{"room", seats(3, map[string]int{"owner": 3}), StatusRevoked, StatusInvited, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := code(c.seats.Readmit(owner, c.from, c.to)); got != c.want {
				t.Errorf("Readmit = %q; want %q", got, c.want)
			}
		})
	}
}

func TestMove(t *testing.T) {
	capped := seats(5, map[string]int{"owner": 4})
	cases := []struct {
		name   string
		status string
		role   role.Role
		want   string
	}{
		{"active into a full role", StatusActive, owner, "role_cap_reached"},
		{"invited into a full role", StatusInvited, owner, "role_cap_reached"},
		{"disabled into a full role", StatusDisabled, owner, "role_cap_reached"},
		{"revoked holds no seat", StatusRevoked, owner, ""},
		{"deleted holds no seat", StatusDeleted, owner, ""},
		// Moving needs no new seat: a full plan does not stop it.
		{"active, seats full, uncapped", StatusActive, uncapped, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := code(capped.Move(c.status, c.role)); got != c.want {
				t.Errorf("Move = %q; want %q", got, c.want)
			}
		})
	}
}
