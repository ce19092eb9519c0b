package rules

import (
	"strconv"

	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/role"
)

// Seats is what the seat and cap rules count: the account's plan, how many
// users hold a seat (HoldsSeat), and how many of those have each role, by
// role id. A cap counts every seat its role takes, invitations included,
// so that accepting one never breaks it; "holders", as pages show them,
// are the active ones. The server counts from the account; the UI from
// /me (seats in use) and the users it lists.
type Seats struct {
	Plan plan.Tier
	// PlanHidden: the person told may not view billing, so a refusal does
	// not name the plan or its size.
	PlanHidden bool
	Used       int
	Seated     map[string]int
}

// Free decides whether the plan has a seat for one more user. Where the
// plan is unknown (the UI of someone who may not view billing is not told
// it), only the server can judge.
func (s Seats) Free() *Refusal {
	switch {
	case s.Plan.Key == "":
		return nil
	case s.Used < s.Plan.Seats:
		return nil
	case s.PlanHidden:
		return refuse(CodeSeatLimitReached, "Every seat of the account's plan is taken.")
	}
	return refuse(CodeSeatLimitReached, "Every seat of the "+s.Plan.Name+" plan is taken ("+strconv.Itoa(s.Plan.Seats)+").")
}

// capFree decides whether one more user may hold r under its cap (the
// ladder's single Super Admin is a cap of 1).
func (s Seats) capFree(r role.Role) *Refusal {
	if r.MaxHolders > 0 && s.Seated[r.ID] >= r.MaxHolders {
		n := strconv.Itoa(r.MaxHolders) + " users"
		if r.MaxHolders == 1 {
			n = "one user"
		}
		return refuse(CodeRoleCapReached, r.Name+" is limited to "+n+".")
	}
	return nil
}

// Admit decides whether one more user holding a seat, with role r, fits:
// a free seat first, then room under r's cap.
func (s Seats) Admit(r role.Role) *Refusal {
	if no := s.Free(); no != nil {
		return no
	}
	return s.capFree(r)
}

// Readmit decides whether a user of role r may go from status from to
// status to: only a change that takes a seat again (a revoked login
// invited anew, a deleted user restored) is counted, like a new user.
func (s Seats) Readmit(r role.Role, from, to string) *Refusal {
	if HoldsSeat(from) || !HoldsSeat(to) {
		return nil
	}
	return s.Admit(r)
}

// Move decides whether a user of this status may move to role r: a user
// who holds a seat counts against r's cap; one who does not (revoked) does
// not, until they take a seat again.
func (s Seats) Move(status string, r role.Role) *Refusal {
	if !HoldsSeat(status) {
		return nil
	}
	return s.capFree(r)
}

// FitsPlan decides whether an account with used seats in use may move to
// the plan tier: never to fewer seats than are in use.
func FitsPlan(tier plan.Tier, used int) *Refusal {
	if used > tier.Seats {
		return refuse(CodeSeatLimitReached, tier.Name+" has "+strconv.Itoa(tier.Seats)+" seats and "+strconv.Itoa(used)+" are in use; revoke or delete users first.")
	}
	return nil
}
