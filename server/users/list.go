package users

import (
	"context"
	"slices"
	"strings"

	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/rules"
)

// Filter narrows a list of users.
type Filter struct {
	Status string
	RoleID string
	// Q matches names and emails, without case.
	Q      string
	Limit  int
	Cursor string
	// Viewer is who asks; members hidden from them are left out.
	Viewer string
}

// List pages through the account's users, by name, from the account
// document and its members' last sign-ins, read in one lookup.
func (s *Service) List(ctx context.Context, a *tenant.Account, f Filter) (Page, error) {
	q := strings.ToLower(strings.TrimSpace(f.Q))
	type listed struct{ id, name string }
	var found []listed
	for id, m := range a.Members {
		name := strings.ToLower(m.Name)
		if (f.Status == "" || m.Status == f.Status) && (f.RoleID == "" || m.RoleID == f.RoleID) && !a.Hidden(f.Viewer, id) &&
			(q == "" || strings.Contains(name, q) || strings.Contains(m.Email, q)) {
			found = append(found, listed{id, name})
		}
	}
	slices.SortFunc(found, func(x, y listed) int {
		if c := strings.Compare(x.name, y.name); c != 0 {
			return c
		}
		return strings.Compare(x.id, y.id)
	})
	ids := make([]string, len(found))
	for i, l := range found {
		ids[i] = l.id
	}
	var out Page
	start := 0
	if f.Cursor != "" {
		start = slices.Index(ids, f.Cursor) + 1
	}
	end := min(start+f.Limit, len(ids))
	last, err := s.st.SignIns.Of(ctx, a.ID)
	if err != nil {
		return Page{}, err
	}
	now := s.cfg.Now()
	for _, id := range ids[start:end] {
		out.Users = append(out.Users, user(id, a.Members[id], at(last, id), now))
	}
	if end < len(ids) {
		out.Next = ids[end-1]
	}
	return out, nil
}

// Stats counts active users per role, in the account's role order, and
// pending invitations apart, as the viewer may see them, and the account's
// active super admins.
func Stats(a *tenant.Account, viewerID string) Counts {
	out := Counts{ByRole: map[string]int{}, SuperAdmins: ActiveSuperAdmins(a), CappedSeats: map[string]int{}, SeatsUsed: a.SeatsUsed()}
	seated := a.SeatedByRole()
	for _, r := range a.Roles {
		out.ByRole[r.ID] = 0
		out.RoleOrder = append(out.RoleOrder, r.ID)
		if r.MaxHolders > 0 {
			out.CappedSeats[r.ID] = seated[r.ID]
		}
	}
	for id, n := range a.Holders(viewerID) {
		out.ByRole[id] = n
	}
	for id, m := range a.Members {
		if m.Status == rules.StatusInvited && !a.Hidden(viewerID, id) {
			out.PendingInvites++
		}
	}
	return out
}

// Get returns one user of the account, as the viewer may see them.
func (s *Service) Get(ctx context.Context, a *tenant.Account, viewerID, id string) (User, error) {
	m, ok := a.Members[id]
	if !ok || a.Hidden(viewerID, id) {
		return User{}, errNoUser
	}
	return s.View(ctx, a.ID, id, m)
}

// Effective lists what a user may do and where each permission comes from.
func Effective(a *tenant.Account, viewerID, id string) ([]perm.EffectivePermission, error) {
	m, ok := a.Members[id]
	if !ok || a.Hidden(viewerID, id) {
		return nil, errNoUser
	}
	return a.Subject(m).Granted(), nil
}
