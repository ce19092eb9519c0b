package users

import (
	"context"
	"slices"
	"strings"

	"github.com/rolesconsole/console/server/store"
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

// View is a user as the API shows them.
func View(u *store.User, m store.Member, now func() bool) api.User {
	v := api.User{
		ID: u.ID, Name: u.Name, Email: u.Email, RoleID: m.RoleID, Status: m.Status,
		LastLoginAt: u.LastLoginAt, CreatedAt: u.CreatedAt, TOTPEnabled: m.TOTP,
		Overrides: perm.Overrides{Grant: nonNil(m.Overrides.Grant), Deny: nonNil(m.Overrides.Deny)},
	}
	if m.Status == rules.StatusInvited && u.InviteExpiresAt != nil {
		v.InviteExpiresAt = u.InviteExpiresAt
		v.InviteExpired = now()
	}
	return v
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (s *Service) expired(u *store.User) func() bool {
	return func() bool { return u.InviteExpiresAt != nil && !s.cfg.Now().Before(*u.InviteExpiresAt) }
}

// List pages through the account's users, by name. The account document
// says who is a member with which role and status; the user documents of
// those members are then read by id.
func (s *Service) List(ctx context.Context, a *store.Account, f Filter) (api.UserList, error) {
	var ids []string
	for id, m := range a.Members {
		if (f.Status == "" || m.Status == f.Status) && (f.RoleID == "" || m.RoleID == f.RoleID) && !Hidden(a, f.Viewer, id) {
			ids = append(ids, id)
		}
	}
	out := api.UserList{Items: []api.User{}}
	if len(ids) == 0 {
		return out, nil
	}
	users, err := s.st.Users.ByIDs(ctx, a.ID, ids)
	if err != nil {
		return out, err
	}
	q := strings.ToLower(strings.TrimSpace(f.Q))
	users = slices.DeleteFunc(users, func(u store.User) bool {
		return q != "" && !strings.Contains(strings.ToLower(u.Name), q) && !strings.Contains(u.Email, q)
	})
	slices.SortFunc(users, func(x, y store.User) int {
		if c := strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	start := 0
	if f.Cursor != "" {
		start = slices.IndexFunc(users, func(u store.User) bool { return u.ID == f.Cursor }) + 1
	}
	end := min(start+f.Limit, len(users))
	for i := start; i < end; i++ {
		out.Items = append(out.Items, View(&users[i], a.Members[users[i].ID], s.expired(&users[i])))
	}
	if end < len(users) {
		out.NextCursor = users[end-1].ID
	}
	return out, nil
}

// Stats counts active users per role and pending invitations apart.
func Stats(a *store.Account) api.UserStats {
	out := api.UserStats{ByRole: map[string]int{}}
	for _, r := range a.Roles {
		out.ByRole[r.ID] = 0
	}
	for _, m := range a.Members {
		switch m.Status {
		case rules.StatusActive:
			out.ByRole[m.RoleID]++
		case rules.StatusInvited:
			out.PendingInvites++
		}
	}
	delete(out.ByRole, "")
	return out
}

// Get returns one user of the account, as the viewer may see them.
func (s *Service) Get(ctx context.Context, a *store.Account, viewerID, id string) (api.User, error) {
	m, ok := a.Members[id]
	if !ok || Hidden(a, viewerID, id) {
		return api.User{}, errNoUser
	}
	u, err := s.st.Users.Get(ctx, a.ID, id)
	if err == store.ErrNotFound {
		return api.User{}, errNoUser
	} else if err != nil {
		return api.User{}, err
	}
	return View(u, m, s.expired(u)), nil
}

// Effective lists what a user may do and where each permission comes from.
func Effective(a *store.Account, viewerID, id string) (api.Effective, error) {
	m, ok := a.Members[id]
	if !ok || Hidden(a, viewerID, id) {
		return api.Effective{}, errNoUser
	}
	out := api.Effective{Permissions: []api.EffectivePermission{}}
	for _, p := range a.Subject(m).Granted() {
		out.Permissions = append(out.Permissions, api.EffectivePermission{ID: p.ID, Source: p.Source})
	}
	return out, nil
}
