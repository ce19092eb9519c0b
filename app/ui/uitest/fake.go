// Package uitest is what the pages' tests share: a fake backend that
// changes its state as the server would (without its rules), sample
// accounts and users from the presets, a context to run components in, and
// a parsed DOM to find elements by test id.
package uitest

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// Fake answers the pages' calls with canned values. Roles and grants
// change as the real server would change them, without its rules: tests
// that want a refusal set it.
type Fake struct {
	Mu       sync.Mutex
	MeData   api.Me
	MeErr    error
	meCalls  int
	LoginErr error
	Logins   []api.LoginRequest
	Logouts  int
	// LoginAccounts are what a sign-in says it opens; AccountChoices what
	// GET /me/accounts lists.
	LoginAccounts  []api.AccountChoice
	AccountChoices []api.AccountChoice

	MatrixData api.Matrix
	MatrixErr  error
	// Refuse answers the next change (grant, create, patch, delete, revert)
	// with this error, then clears it.
	Refuse error
	// Grants records each PUT as "role permission granted".
	Grants  []string
	Created []api.CreateRole
	Patched []api.PatchRole
	Deleted []string

	AuditPages map[string]api.AuditPage // by cursor
	auditErr   error
	Reverted   []string

	// Users, account, security and the person's own (fake_users.go).
	RoleItems []api.Role // nil: GET /roles refused (no roles.view)
	UserItems []api.User
	// HiddenSuperAdmins are active super admins the server counts in
	// GET /users/stats but does not list to this viewer (a private role).
	HiddenSuperAdmins int
	// HiddenSeated are seat holders of a role the server counts in
	// /users/stats but the list hides from the viewer, by role.
	HiddenSeated    map[string]int
	UsersErr        error
	EffectiveByUser map[string][]api.EffectivePermission
	AccountData     api.Account
	MailItems       []api.MailMessage
	mailErr         error
	Review          api.Suggestions
	Enrollment      api.TOTPEnrollment
	Codes           []string
	SessionItems    []api.Session
	// Invitation is what checking any invitation link answers, unless
	// InvitationErr refuses it.
	Invitation    api.Invitation
	InvitationErr error
	// log records each call that changes something, as "verb id detail".
	log     []string
	Queries []client.UserQuery
	// Presets answers the drift view's calls (GET /preset, role resets).
	Presets *Presets
}

func (f *Fake) Preset(ctx context.Context) (api.Preset, error) { return f.Presets.Preset(ctx) }

func (f *Fake) ResetRole(ctx context.Context, id string) (api.Role, error) {
	return f.Presets.ResetRole(ctx, id)
}

func (f *Fake) Login(_ context.Context, req api.LoginRequest) (api.LoginResponse, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Logins = append(f.Logins, req)
	return api.LoginResponse{Accounts: slices.Clone(f.LoginAccounts)}, f.LoginErr
}

func (f *Fake) Accounts(context.Context) (api.AccountChoices, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return api.AccountChoices{Items: slices.Clone(f.AccountChoices)}, nil
}

func (f *Fake) SwitchAccount(_ context.Context, id string, in api.SwitchAccount) (api.LoginResponse, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record("switch " + id + " code=" + in.Code)
	if err := f.refused(); err != nil {
		return api.LoginResponse{}, err
	}
	return api.LoginResponse{}, nil
}

func (f *Fake) JoinInvite(_ context.Context, token string) (api.LoginResponse, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.record("join " + token)
	return api.LoginResponse{}, f.refused()
}

func (f *Fake) Logout(context.Context) error {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Logouts++
	return nil
}

func (f *Fake) Me(context.Context) (api.Me, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.meCalls++
	return f.MeData, f.MeErr
}

// SetMe changes what /me answers, as a change elsewhere would.
func (f *Fake) SetMe(me api.Me) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.MeData = me
}

func (f *Fake) Calls() int {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	return f.meCalls
}

func (f *Fake) refused() error {
	err := f.Refuse
	f.Refuse = nil
	return err
}

func (f *Fake) Matrix(context.Context) (api.Matrix, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.MatrixErr != nil {
		return api.Matrix{}, f.MatrixErr
	}
	m := f.MatrixData
	m.Roles = slices.Clone(m.Roles)
	m.Grants = map[string][]string{}
	for k, v := range f.MatrixData.Grants {
		m.Grants[k] = slices.Clone(v)
	}
	return m, nil
}

func (f *Fake) roleIndex(id string) int {
	return slices.IndexFunc(f.MatrixData.Roles, func(r api.Role) bool { return r.ID == id })
}

func (f *Fake) SetGrant(_ context.Context, roleID, permission string, granted bool) (api.Role, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Grants = append(f.Grants, roleID+" "+permission+" "+map[bool]string{true: "on", false: "off"}[granted])
	if err := f.refused(); err != nil {
		return api.Role{}, err
	}
	g := slices.DeleteFunc(f.MatrixData.Grants[roleID], func(p string) bool { return p == permission })
	if granted {
		g = append(g, permission)
	}
	f.MatrixData.Grants[roleID] = g
	i := f.roleIndex(roleID)
	f.MatrixData.Roles[i].Permissions = slices.Clone(g)
	return f.MatrixData.Roles[i], nil
}

func (f *Fake) CreateRole(_ context.Context, in api.CreateRole) (api.Role, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Created = append(f.Created, in)
	if err := f.refused(); err != nil {
		return api.Role{}, err
	}
	r := api.Role{Role: role.Role{ID: "custom", Name: in.Name, Description: in.Description, Color: in.Color, Rank: 9, Domains: in.Domains}}
	f.MatrixData.Roles = append(f.MatrixData.Roles, r)
	f.MatrixData.Grants[r.ID] = nil
	return r, nil
}

func (f *Fake) PatchRole(_ context.Context, id string, in api.PatchRole) (api.Role, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Patched = append(f.Patched, in)
	if err := f.refused(); err != nil {
		return api.Role{}, err
	}
	i := f.roleIndex(id)
	r := &f.MatrixData.Roles[i]
	if in.Name != nil {
		r.Name = *in.Name
	}
	if in.Description != nil {
		r.Description = *in.Description
	}
	if in.Color != nil {
		r.Color = *in.Color
	}
	if in.Domains != nil {
		r.Domains = *in.Domains
	}
	return *r, nil
}

func (f *Fake) DeleteRole(_ context.Context, id string) error {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Deleted = append(f.Deleted, id)
	if err := f.refused(); err != nil {
		return err
	}
	f.MatrixData.Roles = slices.DeleteFunc(f.MatrixData.Roles, func(r api.Role) bool { return r.ID == id })
	delete(f.MatrixData.Grants, id)
	return nil
}

func (f *Fake) Audit(_ context.Context, cursor string) (api.AuditPage, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	if f.auditErr != nil {
		return api.AuditPage{}, f.auditErr
	}
	return f.AuditPages[cursor], nil
}

func (f *Fake) Revert(_ context.Context, id string) (api.AuditEntry, error) {
	f.Mu.Lock()
	defer f.Mu.Unlock()
	f.Reverted = append(f.Reverted, id)
	if err := f.refused(); err != nil {
		return api.AuditEntry{}, err
	}
	undo := api.AuditEntry{ID: "undo-" + id, RevertOf: id, Summary: "Undid " + id}
	first := f.AuditPages[""]
	for i := range first.Items {
		if first.Items[i].ID == id {
			first.Items[i].RevertedBy = undo.ID
		}
	}
	first.Items = append([]api.AuditEntry{undo}, first.Items...)
	f.AuditPages[""] = first
	return undo, nil
}

// Use makes the pages call f for the rest of the test.
func Use(t *testing.T, f *Fake) {
	old := session.API
	session.API = f
	t.Cleanup(func() { session.API = old })
}
