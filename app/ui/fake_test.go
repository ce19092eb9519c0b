package ui

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

// fakeServer answers the pages' calls with canned values. Roles and grants
// change as the real server would change them, without its rules: tests
// that want a refusal set it.
type fakeServer struct {
	mu       sync.Mutex
	me       api.Me
	meErr    error
	meCalls  int
	loginErr error
	logins   []api.LoginRequest
	logouts  int

	matrix    api.Matrix
	matrixErr error
	// refuse answers the next change (grant, create, patch, delete, revert)
	// with this error, then clears it.
	refuse error
	// grants records each PUT as "role permission granted".
	grants  []string
	created []api.CreateRole
	patched []api.PatchRole
	deleted []string

	audit    map[string]api.AuditPage // by cursor
	auditErr error
	reverted []string

	// Users, account, security and the person's own (fake_users_test.go).
	roles       []api.Role // nil: GET /roles refused (no roles.view)
	users       []api.User
	usersErr    error
	effective   map[string][]api.EffectivePermission
	account     api.Account
	mail        []api.MailMessage
	mailErr     error
	suggestions api.Suggestions
	enrollment  api.TOTPEnrollment
	codes       []string
	sessions    []api.Session
	// log records each call that changes something, as "verb id detail".
	log     []string
	queries []client.UserQuery
	// presets answers the drift view's calls (GET /preset, role resets).
	presets *fakePresets
}

func (f *fakeServer) Preset(ctx context.Context) (api.Preset, error) { return f.presets.Preset(ctx) }

func (f *fakeServer) ResetRole(ctx context.Context, id string) (api.Role, error) {
	return f.presets.ResetRole(ctx, id)
}

func (f *fakeServer) Login(_ context.Context, req api.LoginRequest) (api.LoginResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logins = append(f.logins, req)
	return api.LoginResponse{}, f.loginErr
}

func (f *fakeServer) Logout(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logouts++
	return nil
}

func (f *fakeServer) Me(context.Context) (api.Me, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.meCalls++
	return f.me, f.meErr
}

// setMe changes what /me answers, as a change elsewhere would.
func (f *fakeServer) setMe(me api.Me) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.me = me
}

func (f *fakeServer) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.meCalls
}

func (f *fakeServer) refused() error {
	err := f.refuse
	f.refuse = nil
	return err
}

func (f *fakeServer) Matrix(context.Context) (api.Matrix, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.matrixErr != nil {
		return api.Matrix{}, f.matrixErr
	}
	m := f.matrix
	m.Roles = slices.Clone(m.Roles)
	m.Grants = map[string][]string{}
	for k, v := range f.matrix.Grants {
		m.Grants[k] = slices.Clone(v)
	}
	return m, nil
}

func (f *fakeServer) roleIndex(id string) int {
	return slices.IndexFunc(f.matrix.Roles, func(r api.Role) bool { return r.ID == id })
}

func (f *fakeServer) SetGrant(_ context.Context, roleID, permission string, granted bool) (api.Role, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.grants = append(f.grants, roleID+" "+permission+" "+map[bool]string{true: "on", false: "off"}[granted])
	if err := f.refused(); err != nil {
		return api.Role{}, err
	}
	g := slices.DeleteFunc(f.matrix.Grants[roleID], func(p string) bool { return p == permission })
	if granted {
		g = append(g, permission)
	}
	f.matrix.Grants[roleID] = g
	i := f.roleIndex(roleID)
	f.matrix.Roles[i].Permissions = slices.Clone(g)
	return f.matrix.Roles[i], nil
}

func (f *fakeServer) CreateRole(_ context.Context, in api.CreateRole) (api.Role, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.created = append(f.created, in)
	if err := f.refused(); err != nil {
		return api.Role{}, err
	}
	r := api.Role{Role: role.Role{ID: "custom", Name: in.Name, Description: in.Description, Color: in.Color, Rank: 9}}
	f.matrix.Roles = append(f.matrix.Roles, r)
	f.matrix.Grants[r.ID] = nil
	return r, nil
}

func (f *fakeServer) PatchRole(_ context.Context, id string, in api.PatchRole) (api.Role, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.patched = append(f.patched, in)
	if err := f.refused(); err != nil {
		return api.Role{}, err
	}
	i := f.roleIndex(id)
	r := &f.matrix.Roles[i]
	if in.Name != nil {
		r.Name = *in.Name
	}
	if in.Description != nil {
		r.Description = *in.Description
	}
	if in.Color != nil {
		r.Color = *in.Color
	}
	return *r, nil
}

func (f *fakeServer) DeleteRole(_ context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deleted = append(f.deleted, id)
	if err := f.refused(); err != nil {
		return err
	}
	f.matrix.Roles = slices.DeleteFunc(f.matrix.Roles, func(r api.Role) bool { return r.ID == id })
	delete(f.matrix.Grants, id)
	return nil
}

func (f *fakeServer) Audit(_ context.Context, cursor string) (api.AuditPage, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.auditErr != nil {
		return api.AuditPage{}, f.auditErr
	}
	return f.audit[cursor], nil
}

func (f *fakeServer) Revert(_ context.Context, id string) (api.AuditEntry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reverted = append(f.reverted, id)
	if err := f.refused(); err != nil {
		return api.AuditEntry{}, err
	}
	undo := api.AuditEntry{ID: "undo-" + id, RevertOf: id, Summary: "Undid " + id}
	first := f.audit[""]
	for i := range first.Items {
		if first.Items[i].ID == id {
			first.Items[i].RevertedBy = undo.ID
		}
	}
	first.Items = append([]api.AuditEntry{undo}, first.Items...)
	f.audit[""] = first
	return undo, nil
}

// useServer makes the pages call f for the rest of the test.
func useServer(t *testing.T, f *fakeServer) {
	old := server
	server = f
	t.Cleanup(func() { server = old })
}

// usePages replaces the page table for the rest of the test.
func usePages(t *testing.T, p []page) {
	old := pages
	pages = p
	t.Cleanup(func() { pages = old })
}

func apiError(status int, code string) error {
	return &client.Error{Status: status, Body: api.ErrorBody{Code: code}}
}

// refusalError is a 409 with the server's sentence.
func refusalError(code, msg string) error {
	return &client.Error{Status: 409, Body: api.ErrorBody{Code: code, Message: msg}}
}

var admin = &role.Role{ID: "admin", Name: "Admin", Color: "blue", Description: "Manages users and roles."}

func sampleMe() api.Me {
	return api.Me{
		User:        api.User{ID: "u1", Name: "Grace Hopper", Email: "grace@clinic.example"},
		Role:        admin,
		Account:     api.Account{ID: "a1", Name: "Harbour Clinic", Plan: "business", Preset: "saas-admin", Seats: api.Seats{Used: 4, Limit: 15}},
		Permissions: []string{"users.view", "users.edit", "roles.view", "contacts.edit:own"},
	}
}

// presetRole is a role of the SaaS admin preset (seed 004).
func presetRole(id string) role.Role {
	for _, r := range preset.SaaSAdmin.Roles {
		if r.ID == id {
			return r
		}
	}
	panic("no preset role " + id)
}

// meAs is who is signed in holding a preset role, as /me answers.
func meAs(roleID string) api.Me {
	r := presetRole(roleID)
	perms := r.Permissions
	if r.SuperAdmin {
		perms = perm.Default.Compile(true, preset.SaaSAdmin.Modules, nil, nil).IDs()
	}
	return api.Me{
		User:        api.User{ID: "u-" + roleID, Name: "Sam " + r.Name, Email: roleID + "@clinic.example", RoleID: roleID, Status: "active"},
		Role:        &r,
		Account:     api.Account{ID: "a1", Name: "Harbour Clinic", Plan: "business", Preset: "saas-admin", Modules: preset.SaaSAdmin.Modules, Revision: 7},
		Permissions: slices.Clone(perms),
	}
}

// presetMatrix is GET /matrix of a fresh SaaS admin account, with holders.
func presetMatrix() api.Matrix {
	m := api.Matrix{Modules: perm.Modules(preset.SaaSAdmin.Modules), Grants: map[string][]string{}}
	holders := map[string]int{"super_admin": 1, "admin": 2, "staff": 3, "read_only": 0}
	for _, r := range preset.SaaSAdmin.Roles {
		r.Permissions = slices.Clone(r.Permissions)
		m.Roles = append(m.Roles, api.Role{Role: r, Holders: holders[r.ID]})
		m.Grants[r.ID] = slices.Clone(r.Permissions)
	}
	return m
}

// probe lends tests an app.Context. Outside the browser go-app never calls
// OnMount; it calls OnPreRender, as when the server prerenders a page.
type probe struct {
	app.Compo
	ctx app.Context
}

func (p *probe) OnPreRender(ctx app.Context) { p.ctx = ctx }

func (p *probe) Render() app.UI { return app.Div() }

// testContext returns an engine and a context whose calls it runs. The probe
// leaves the engine when something navigates.
func testContext(t *testing.T) (app.TestEngine, app.Context, *probe) {
	t.Helper()
	e := app.NewTestEngine()
	p := &probe{}
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return e, p.ctx, p
}
