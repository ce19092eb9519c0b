package ui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

// fakePresets answers GET /preset and POST /roles/{id}/reset. A reset puts
// the role back in the fakeServer's matrix, as the real server would.
type fakePresets struct {
	mu     sync.Mutex
	f      *fakeServer
	preset api.Preset
	err    error
	calls  int // GET /preset
	resets []string
	refuse error
}

func (p *fakePresets) Preset(context.Context) (api.Preset, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls++
	return p.preset, p.err
}

func (p *fakePresets) ResetRole(_ context.Context, id string) (api.Role, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resets = append(p.resets, id)
	if err := p.refuse; err != nil {
		p.refuse = nil
		return api.Role{}, err
	}
	i := slices.IndexFunc(p.preset.Roles, func(r role.Role) bool { return r.ID == id })
	def := p.preset.Roles[i]
	p.f.mu.Lock()
	defer p.f.mu.Unlock()
	r := &p.f.matrix.Roles[p.f.roleIndex(id)]
	r.Name, r.Description, r.Color = def.Name, def.Description, def.Color
	r.Permissions = slices.Clone(def.Permissions)
	p.f.matrix.Grants[id] = slices.Clone(def.Permissions)
	return *r, nil
}

func (p *fakePresets) counts() (int, []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls, slices.Clone(p.resets)
}

// usePresets makes the drift view's calls reach p for the rest of the
// test, through the fake in use (a new one when there is none).
func usePresets(t *testing.T, p *fakePresets) {
	f, ok := server.(*fakeServer)
	if !ok {
		f = &fakeServer{}
		useServer(t, f)
	}
	f.presets = p
}

func saasPreset() api.Preset {
	return api.Preset{Key: preset.SaaSAdmin.Key, Name: preset.SaaSAdmin.Name, Roles: preset.SaaSAdmin.Roles}
}

// driftedMatrix is a SaaS admin account that moved away from its preset:
// Staff gained audit.view, lost invoices.edit and edits only its own
// contacts; Read-Only was renamed and recoloured; Admin was deleted and a
// Front Desk role added.
func driftedMatrix() api.Matrix {
	m := presetMatrix()
	staff := slices.DeleteFunc(slices.Clone(m.Grants["staff"]), func(p string) bool { return p == "invoices.edit" || p == "contacts.edit" })
	staff = append(staff, "audit.view", "contacts.edit:own")
	m.Grants["staff"] = staff
	m.Roles[2].Permissions = slices.Clone(staff)
	m.Roles[3].Name, m.Roles[3].Color = "Viewers", "teal"
	m.Roles = slices.DeleteFunc(m.Roles, func(r api.Role) bool { return r.ID == "admin" })
	delete(m.Grants, "admin")
	m.Roles = append(m.Roles, api.Role{Role: role.Role{ID: "front_desk", Name: "Front Desk", Color: "orange", Rank: 4}})
	m.Grants["front_desk"] = nil
	return m
}

// loadDrift mounts the drift view for me over the page's matrix, with
// p answering, and lets its calls finish.
func loadDrift(t *testing.T, p *fakePresets, me api.Me, m api.Matrix) (*DriftView, app.TestEngine, app.Context) {
	t.Helper()
	usePresets(t, p)
	e, ctx, _ := testContext(t)
	d := &DriftView{Me: me, Matrix: m}
	d.OnMount(ctx)
	e.ConsumeAll()
	if !d.loaded {
		t.Fatalf("preset not loaded: %q", d.problem)
	}
	return d, e, ctx
}

func chipIDs(list *node) []string {
	var out []string
	for _, li := range list.all(func(e *node) bool { return e.tag == "li" }) {
		out = append(out, li.attrs["data-perm"])
	}
	return out
}

func TestComputeDrift(t *testing.T) {
	d := computeDrift(driftedMatrix(), saasPreset())
	var ids []string
	for _, r := range d.roles {
		ids = append(ids, r.role.ID)
	}
	if !slices.Equal(ids, []string{"staff", "read_only"}) {
		t.Fatalf("drifted roles %v", ids)
	}
	staff, ro := d.roles[0], d.roles[1]
	if !slices.Equal(staff.added, []string{"audit.view", "contacts.edit:own"}) {
		t.Errorf("staff added %v", staff.added)
	}
	if !slices.Equal(staff.removed, []string{"contacts.edit", "invoices.edit"}) {
		t.Errorf("staff removed %v", staff.removed)
	}
	if staff.name || staff.description || staff.color {
		t.Errorf("staff fields drifted: %+v", staff)
	}
	if !ro.name || !ro.color || ro.description || len(ro.added)+len(ro.removed) != 0 {
		t.Errorf("read-only drift %+v", ro)
	}
	if len(d.matching) != 1 || d.matching[0].ID != "super_admin" {
		t.Errorf("matching %v", d.matching)
	}
	if len(d.extra) != 1 || d.extra[0].ID != "front_desk" {
		t.Errorf("extra %v", d.extra)
	}
	if len(d.missing) != 1 || d.missing[0].ID != "admin" {
		t.Errorf("missing %v", d.missing)
	}
	if d.clean() {
		t.Error("clean")
	}
	if !computeDrift(presetMatrix(), saasPreset()).clean() {
		t.Error("a fresh account drifted")
	}
}

func TestDriftShown(t *testing.T) {
	d, _, _ := loadDrift(t, &fakePresets{preset: saasPreset()}, meAs("super_admin"), driftedMatrix())
	page := render(t, d)
	view := page.mustTestID(t, "drift")
	if view.tag != "section" || view.attrs["aria-labelledby"] != "drift-title" {
		t.Errorf("drift = %s %v", view.tag, view.attrs)
	}
	if page.byTestID("drift-clean") != nil {
		t.Error("drifted account called clean")
	}
	if got := view.testIDs("drift-role-"); !slices.Equal(got, []string{"drift-role-staff", "drift-role-read_only"}) {
		t.Errorf("roles %v", got)
	}
	added := page.mustTestID(t, "drift-added-staff")
	if got := chipIDs(added); !slices.Equal(got, []string{"audit.view", "contacts.edit:own"}) {
		t.Errorf("added %v", got)
	}
	for _, want := range []string{"Audit log: View", "Contacts: Edit (own records)"} {
		if !strings.Contains(added.Text(), want) {
			t.Errorf("added lacks %q: %q", want, added.Text())
		}
	}
	if added.attrs["aria-labelledby"] == "" {
		t.Error("added list not labelled")
	}
	removed := page.mustTestID(t, "drift-removed-staff")
	if got := chipIDs(removed); !slices.Equal(got, []string{"contacts.edit", "invoices.edit"}) {
		t.Errorf("removed %v", got)
	}
	if !strings.Contains(removed.Text(), "Invoices: Edit") {
		t.Errorf("removed = %q", removed.Text())
	}
	staff := page.mustTestID(t, "drift-role-staff").Text()
	if !strings.Contains(staff, "2 permissions added; 2 permissions removed") {
		t.Errorf("staff = %q", staff)
	}

	// Renamed and recoloured, nothing else.
	ro := page.mustTestID(t, "drift-role-read_only")
	if ro.byTestID("drift-added-read_only") != nil || ro.byTestID("drift-removed-read_only") != nil {
		t.Error("read-only shows permission changes")
	}
	if got := ro.mustTestID(t, "drift-name-read_only").Text(); !strings.Contains(got, "“Viewers” — default “Read-Only”") {
		t.Errorf("name = %q", got)
	}
	color := ro.mustTestID(t, "drift-color-read_only")
	if badges := color.all(func(e *node) bool { return strings.HasPrefix(e.attrs["class"], "badge ") }); len(badges) != 2 ||
		badges[0].attrs["class"] != "badge badge-teal" || badges[1].attrs["class"] != "badge badge-grey" {
		t.Errorf("colour = %q", color.Text())
	}
	if !strings.Contains(ro.Text(), "Name and colour changed") {
		t.Errorf("read-only = %q", ro.Text())
	}

	if got := page.mustTestID(t, "drift-extra").testIDs("drift-extra-"); !slices.Equal(got, []string{"drift-extra-front_desk"}) {
		t.Errorf("extra %v", got)
	}
	missing := page.mustTestID(t, "drift-missing")
	if !strings.Contains(missing.Text(), "Deleted from this account") || missing.byTestID("drift-missing-admin") == nil {
		t.Errorf("missing = %q", missing.Text())
	}
	if !strings.Contains(page.mustTestID(t, "drift-extra").Text(), "Added to this account") {
		t.Error("extra roles not called added")
	}
	page.mustTestID(t, "drift-matching-super_admin")

	// A super admin may reset both.
	for _, id := range []string{"drift-reset-staff", "drift-reset-read_only"} {
		b := page.mustTestID(t, id)
		if b.tag != "button" || b.attrs["disabled"] != "" || !strings.Contains(b.attrs["aria-label"], "Reset") {
			t.Errorf("%s = %v", id, b.attrs)
		}
	}
}

func TestDriftClean(t *testing.T) {
	d, _, _ := loadDrift(t, &fakePresets{preset: saasPreset()}, meAs("super_admin"), presetMatrix())
	page := render(t, d)
	want := "All roles match the " + preset.SaaSAdmin.Name + " defaults."
	if got := page.mustTestID(t, "drift-clean").Text(); got != want {
		t.Errorf("clean = %q", got)
	}
	if ids := page.testIDs("drift-role-"); len(ids) != 0 {
		t.Errorf("roles %v", ids)
	}
}

func TestDriftResetRefusedByRules(t *testing.T) {
	m := driftedMatrix()
	// Admin is back, with a grant added and a new name.
	m.Roles = append(m.Roles[:1], append([]api.Role{{Role: presetRole("admin")}}, m.Roles[1:]...)...)
	m.Roles[1].Name = "Administrators"
	m.Grants["admin"] = append(slices.Clone(presetRole("admin").Permissions), "billing.manage")

	t.Run("without roles.edit", func(t *testing.T) {
		d, _, ctx := loadDrift(t, &fakePresets{preset: saasPreset()}, meAs("read_only"), m)
		page := render(t, d)
		for _, id := range []string{"staff", "read_only", "admin"} {
			b := page.mustTestID(t, "drift-reset-"+id)
			if b.attrs["disabled"] != "true" || describedBy(page, b) != "Editing roles needs the permission roles.edit." {
				t.Errorf("%s: %v %q", id, b.attrs, describedBy(page, b))
			}
		}
		d.askReset(ctx, "staff")
		if d.confirm != nil {
			t.Error("asked to confirm a refused reset")
		}
	})

	t.Run("own role", func(t *testing.T) {
		d, _, _ := loadDrift(t, &fakePresets{preset: saasPreset()}, meAs("admin"), m)
		page := render(t, d)
		own := page.mustTestID(t, "drift-reset-admin")
		if own.attrs["disabled"] != "true" || describedBy(page, own) != "You cannot change the permissions of your own role." {
			t.Errorf("own role: %v %q", own.attrs, describedBy(page, own))
		}
		if b := page.mustTestID(t, "drift-reset-staff"); b.attrs["disabled"] != "" {
			t.Errorf("staff reset disabled for an admin: %q", describedBy(page, b))
		}
	})

	t.Run("own role renamed only", func(t *testing.T) {
		m := m
		m.Grants = map[string][]string{}
		for k, v := range driftedMatrix().Grants {
			m.Grants[k] = v
		}
		m.Grants["admin"] = slices.Clone(presetRole("admin").Permissions)
		d, _, _ := loadDrift(t, &fakePresets{preset: saasPreset()}, meAs("admin"), m)
		if b := render(t, d).mustTestID(t, "drift-reset-admin"); b.attrs["disabled"] != "" {
			t.Errorf("renaming one's own role back refused: %v", b.attrs)
		}
	})
}

func TestDriftResetRefetches(t *testing.T) {
	f := &fakeServer{matrix: driftedMatrix()}
	c, e, ctx := loadRoles(t, f, meAs("super_admin"))
	p := &fakePresets{f: f, preset: saasPreset()}
	usePresets(t, p)
	d := &DriftView{Me: c.Me, Matrix: c.matrix, OnReset: c.driftReset}
	d.OnMount(ctx)
	e.ConsumeAll()
	// The page shows the drift view.
	render(t, c).mustTestID(t, "drift")

	d.askReset(ctx, "staff")
	dialog := render(t, d).mustTestID(t, "confirm-dialog")
	text := dialog.Text()
	for _, want := range []string{
		"Reset Staff to the preset's defaults?",
		"Staff will lose Audit log: View (audit.view) and Contacts: Edit (own records) (contacts.edit:own) and get back Contacts: Edit (contacts.edit) and Invoices: Edit (invoices.edit).",
		"3 people who hold it",
		"Reset to defaults",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q: %q", want, text)
		}
	}

	// Cancel changes nothing.
	d.cancelConfirm(ctx)
	if _, resets := p.counts(); len(resets) != 0 || d.confirm != nil {
		t.Fatalf("cancel reset %v", resets)
	}

	// A refusal stays in the dialog.
	p.refuse = refusalError(api.CodeStaleRevision, "Someone changed this account meanwhile. Try again.")
	d.askReset(ctx, "staff")
	d.confirmed(ctx)
	e.ConsumeAll()
	if got := render(t, d).mustTestID(t, "confirm-error").Text(); got != "Someone changed this account meanwhile. Try again." {
		t.Errorf("error = %q", got)
	}

	// Meanwhile someone else gave Read-Only audit.view: the refetched matrix
	// shows it.
	f.mu.Lock()
	f.matrix.Grants["read_only"] = append(f.matrix.Grants["read_only"], "audit.view")
	f.mu.Unlock()
	calls, _ := p.counts()
	d.confirmed(ctx)
	e.ConsumeAll()
	after, resets := p.counts()
	if !slices.Equal(resets, []string{"staff", "staff"}) {
		t.Errorf("resets %v", resets)
	}
	if after != calls+1 {
		t.Errorf("preset asked %d times after the reset; want once more", after-calls)
	}
	if d.confirm != nil {
		t.Error("dialog still open")
	}
	if !slices.Contains(c.matrix.Grants["read_only"], "audit.view") {
		t.Error("the page did not refetch the matrix")
	}
	if got := c.levelNow("staff", "invoices.edit"); got != levelAll {
		t.Errorf("staff invoices.edit = %v after the reset", got)
	}

	// The page hands the view its new matrix.
	d.Matrix = c.matrix
	page := render(t, d)
	if page.byTestID("drift-role-staff") != nil {
		t.Error("staff still drifted")
	}
	status := page.mustTestID(t, "drift-status")
	if status.Text() != "Staff is back to the preset's defaults." || status.attrs["aria-live"] != "polite" {
		t.Errorf("status = %q %v", status.Text(), status.attrs)
	}
	if got := page.mustTestID(t, "drift-added-read_only"); !slices.Equal(chipIDs(got), []string{"audit.view"}) {
		t.Errorf("read-only added %v", chipIDs(got))
	}
}

// A change made elsewhere moves the account's revision: the view asks for
// the defaults again.
func TestDriftRefetchOnNewRevision(t *testing.T) {
	p := &fakePresets{preset: saasPreset()}
	d, e, ctx := loadDrift(t, p, meAs("super_admin"), presetMatrix())
	d.OnUpdate(ctx)
	e.ConsumeAll()
	if calls, _ := p.counts(); calls != 1 {
		t.Fatalf("asked %d times without a new revision", calls)
	}
	d.Me.Account.Revision++
	d.OnUpdate(ctx)
	e.ConsumeAll()
	if calls, _ := p.counts(); calls != 2 {
		t.Errorf("asked %d times after a new revision", calls)
	}
}

func TestDriftLoadFails(t *testing.T) {
	p := &fakePresets{err: apiError(503, api.CodeUnavailable)}
	usePresets(t, p)
	e, ctx, _ := testContext(t)
	d := &DriftView{Me: meAs("super_admin"), Matrix: presetMatrix()}
	d.OnMount(ctx)
	e.ConsumeAll()
	page := render(t, d)
	if got := page.mustTestID(t, "drift-error").Text(); got != "The service is unavailable. Try again shortly." {
		t.Errorf("error = %q", got)
	}
	p.mu.Lock()
	p.err, p.preset = nil, saasPreset()
	p.mu.Unlock()
	d.retry(ctx, app.Event{})
	e.ConsumeAll()
	render(t, d).mustTestID(t, "drift-clean")
}
