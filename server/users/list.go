package users

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
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

// View is a member as the API shows them, with their last sign-in (nil
// for never).
func View(id string, m tenant.Member, last *time.Time, now time.Time) api.User {
	v := api.User{
		ID: id, Name: m.Name, Email: m.Email, RoleID: m.RoleID, Status: m.Status,
		LastLoginAt: last, CreatedAt: m.CreatedAt, TOTPEnabled: m.TOTP,
		Overrides: perm.Overrides{Grant: nonNil(m.Overrides.Grant), Deny: nonNil(m.Overrides.Deny)},
	}
	if m.Status == rules.StatusInvited && m.InviteExpiresAt != nil {
		v.InviteExpiresAt = m.InviteExpiresAt
		v.InviteExpired = !now.Before(*m.InviteExpiresAt)
	}
	return v
}

// View is a member of the account as the API shows them, now, their last
// sign-in read from the store.
func (s *Service) View(ctx context.Context, accountID, id string, m tenant.Member) (api.User, error) {
	last, err := s.st.SignIns.Of(ctx, accountID)
	if err != nil {
		return api.User{}, err
	}
	return View(id, m, at(last, id), s.cfg.Now()), nil
}

// SignedIn is the member as the API shows them to the session that signed
// in at signedIn: its sign-in is the last one it tells of, so that the
// signed-in user's own view costs no read of the store.
func (s *Service) SignedIn(id string, m tenant.Member, signedIn time.Time) api.User {
	return View(id, m, &signedIn, s.cfg.Now())
}

// at is a user's last sign-in in a map of them, or nil.
func at(last map[string]time.Time, id string) *time.Time {
	if t, ok := last[id]; ok {
		return &t
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// List pages through the account's users, by name, from the account
// document and its members' last sign-ins, read in one lookup.
func (s *Service) List(ctx context.Context, a *tenant.Account, f Filter) (api.UserList, error) {
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
	out := api.UserList{Items: []api.User{}}
	start := 0
	if f.Cursor != "" {
		start = slices.Index(ids, f.Cursor) + 1
	}
	end := min(start+f.Limit, len(ids))
	last, err := s.st.SignIns.Of(ctx, a.ID)
	if err != nil {
		return api.UserList{}, err
	}
	now := s.cfg.Now()
	for _, id := range ids[start:end] {
		out.Items = append(out.Items, View(id, a.Members[id], at(last, id), now))
	}
	if end < len(ids) {
		out.NextCursor = ids[end-1]
	}
	return out, nil
}

// Stats counts active users per role and pending invitations apart.
func Stats(a *tenant.Account, viewerID string) api.UserStats {
	out := api.UserStats{ByRole: map[string]int{}}
	for _, r := range a.Roles {
		out.ByRole[r.ID] = 0
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
func (s *Service) Get(ctx context.Context, a *tenant.Account, viewerID, id string) (api.User, error) {
	m, ok := a.Members[id]
	if !ok || a.Hidden(viewerID, id) {
		return api.User{}, errNoUser
	}
	return s.View(ctx, a.ID, id, m)
}

// Effective lists what a user may do and where each permission comes from.
func Effective(a *tenant.Account, viewerID, id string) (api.Effective, error) {
	m, ok := a.Members[id]
	if !ok || a.Hidden(viewerID, id) {
		return api.Effective{}, errNoUser
	}
	out := api.Effective{Permissions: []api.EffectivePermission{}}
	for _, p := range a.Subject(m).Granted() {
		out.Permissions = append(out.Permissions, api.EffectivePermission{ID: p.ID, Source: p.Source})
	}
	return out, nil
}
