package rules

import (
	"strconv"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/role"
)

// Seats is what the seat and cap rules count: the account's plan, how many
// users hold a seat (HoldsSeat), and how many of those hold each role, by
// role id. The server counts them from the account; the UI reads the same
// counts from /me (seats in use) and /roles (holders).
type Seats struct {
	Plan    plan.Tier
	Used    int
	Holders map[string]int
}

// Free decides whether the plan has a seat for one more user.
func (s Seats) Free() *Refusal {
	if s.Used >= s.Plan.Seats {
		return refuse(api.CodeSeatLimitReached, "Every seat of the "+s.Plan.Name+" plan is taken ("+strconv.Itoa(s.Plan.Seats)+").")
	}
	return nil
}

// capFree decides whether one more user may hold r under its cap (seed
// 003's single Super Admin is a cap of 1).
func (s Seats) capFree(r role.Role) *Refusal {
	if r.MaxHolders > 0 && s.Holders[r.ID] >= r.MaxHolders {
		return refuse(api.CodeRoleCapReached, r.Name+" is limited to "+strconv.Itoa(r.MaxHolders)+" users.")
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
