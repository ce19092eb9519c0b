// Package roles applies the rules of shared/rules to an account's roles and
// records every change in the audit log, atomically with the change.
package roles

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
)

// Service changes roles.
type Service struct {
	st  *store.Store
	now func() time.Time
}

// New makes a Service.
func New(st *store.Store) *Service {
	return &Service{st: st, now: time.Now}
}

// Role is a role of an account with its holders, as a viewer may count
// them: private roles' holders are counted only for those who may see them.
type Role struct {
	role.Role
	Holders int
}

// Grid is every role of an account against the permissions of its enabled
// modules: Grants holds, by role id, what the role grants by itself.
type Grid struct {
	Modules []perm.Module
	Roles   []Role
	Grants  map[string][]string
}

// Views lists an account's roles with their holders as the viewer may
// count them, top of the ladder first.
func Views(a *tenant.Account, viewerID string) []Role {
	holders := a.Holders(viewerID)
	out := make([]Role, 0, len(a.Roles))
	for _, r := range a.Roles {
		out = append(out, Role{Role: shown(a, r), Holders: holders[r.ID]})
	}
	slices.SortStableFunc(out, func(x, y Role) int { return x.Rank - y.Rank })
	return out
}

// Matrix is every role of the account, as the viewer may count its
// holders, against the permissions of its enabled modules: what each role
// grants by itself, before any per-user override.
func Matrix(a *tenant.Account, viewerID string) Grid {
	views := Views(a, viewerID)
	grants := make(map[string][]string, len(views))
	for _, r := range views {
		grants[r.ID] = perm.Default.Compile(r.SuperAdmin, a.Modules, r.Permissions, nil).IDs()
	}
	return Grid{Modules: perm.Modules(a.Modules), Roles: views, Grants: grants}
}

// View returns one role of the account, its holders counted as the viewer may.
func View(a *tenant.Account, viewerID, id string) (Role, error) {
	r, ok := a.Role(id)
	if !ok {
		return Role{}, store.ErrNotFound
	}
	return Role{Role: shown(a, r), Holders: a.Holders(viewerID)[id]}, nil
}

// shown is a role as its account shows it: without the grants of modules
// the account turned off, which stay stored.
func shown(a *tenant.Account, r role.Role) role.Role {
	if hidden := perm.Hidden(a.Modules, r.Permissions); len(hidden) > 0 {
		r.Permissions = perm.Enabled(a.Modules, r.Permissions)
	}
	return r
}

// edit runs one change of p's account; see edit.Apply.
func (s *Service) edit(ctx context.Context, p *auth.Principal, change edit.Change) (*tenant.Account, *tenant.AuditRecord, error) {
	return edit.Apply(ctx, s.st, p, s.now(), change)
}

// newRoleID derives a readable id from the name, unique in the account.
func newRoleID(a *tenant.Account, name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	base := strings.Trim(b.String(), "_")
	if base == "" || base[0] < 'a' || base[0] > 'z' {
		base = "role_" + base
	}
	if len(base) > 40 {
		base = base[:40]
	}
	id := base
	for n := 2; ; n++ {
		if _, taken := a.Role(id); !taken {
			return id
		}
		id = base + "_" + strconv.Itoa(n)
	}
}
