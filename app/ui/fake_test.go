package ui

import (
	"context"
	"sync"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// fakeServer answers the pages' calls with canned values.
type fakeServer struct {
	mu       sync.Mutex
	me       api.Me
	meErr    error
	loginErr error
	logouts  int
}

func (f *fakeServer) Login(context.Context, api.LoginRequest) (api.LoginResponse, error) {
	return api.LoginResponse{}, f.loginErr
}

func (f *fakeServer) Logout(context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logouts++
	return nil
}

func (f *fakeServer) Me(context.Context) (api.Me, error) {
	return f.me, f.meErr
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

var admin = &role.Role{ID: "admin", Name: "Admin", Color: "blue", Description: "Manages users and roles."}

func sampleMe() api.Me {
	return api.Me{
		User:        api.User{ID: "u1", Name: "Grace Hopper", Email: "grace@clinic.example"},
		Role:        admin,
		Account:     api.Account{ID: "a1", Name: "Harbour Clinic", Plan: "business", Preset: "saas-admin", Seats: api.Seats{Used: 4, Limit: 15}},
		Permissions: []string{"users.view", "users.edit", "roles.view", "contacts.edit:own"},
	}
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
