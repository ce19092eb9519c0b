package roles

import (
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
)

// usePresets makes the drift view's calls reach p for the rest of the
// test, through the fake in use (a new one when there is none).
func usePresets(t *testing.T, p *uitest.Presets) {
	f, ok := session.API.(*uitest.Fake)
	if !ok {
		f = &uitest.Fake{}
		uitest.Use(t, f)
	}
	f.Presets = p
}

func saasPreset() api.Preset {
	return api.Preset{Key: preset.SaaSAdmin.Key, Name: preset.SaaSAdmin.Name, Roles: preset.SaaSAdmin.Roles}
}

// driftedMatrix is a SaaS admin account that moved away from its preset:
// Staff gained audit.view, lost invoices.edit and edits only its own
// contacts; Read-Only was renamed and recoloured; Admin was deleted and a
// Front Desk role added.
func driftedMatrix() api.Matrix {
	m := uitest.PresetMatrix()
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
func loadDrift(t *testing.T, p *uitest.Presets, me api.Me, m api.Matrix) (*DriftView, app.TestEngine, app.Context) {
	t.Helper()
	usePresets(t, p)
	e, ctx, _ := uitest.Context(t)
	d := &DriftView{Me: me, Matrix: m}
	d.OnMount(ctx)
	e.ConsumeAll()
	if !d.loaded {
		t.Fatalf("preset not loaded: %q", d.problem)
	}
	return d, e, ctx
}

func chipIDs(list *uitest.Node) []string {
	var out []string
	for _, li := range list.All(func(e *uitest.Node) bool { return e.Tag == "li" }) {
		out = append(out, li.Attrs["data-perm"])
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
	if !computeDrift(uitest.PresetMatrix(), saasPreset()).clean() {
		t.Error("a fresh account drifted")
	}
}

func TestDriftShown(t *testing.T) {
	d, _, _ := loadDrift(t, &uitest.Presets{Data: saasPreset()}, uitest.MeAs("super_admin"), driftedMatrix())
	page := uitest.Render(t, d)
	view := page.MustTestID(t, "drift")
	if view.Tag != "section" || view.Attrs["aria-labelledby"] != "drift-title" {
		t.Errorf("drift = %s %v", view.Tag, view.Attrs)
	}
	if page.ByTestID("drift-clean") != nil {
		t.Error("drifted account called clean")
	}
	if got := view.TestIDs("drift-role-"); !slices.Equal(got, []string{"drift-role-staff", "drift-role-read_only"}) {
		t.Errorf("roles %v", got)
	}
	added := page.MustTestID(t, "drift-added-staff")
	if got := chipIDs(added); !slices.Equal(got, []string{"audit.view", "contacts.edit:own"}) {
		t.Errorf("added %v", got)
	}
	for _, want := range []string{"Audit log: View", "Contacts: Edit (own records)"} {
		if !strings.Contains(added.Text(), want) {
			t.Errorf("added lacks %q: %q", want, added.Text())
		}
	}
	if added.Attrs["aria-labelledby"] == "" {
		t.Error("added list not labelled")
	}
	removed := page.MustTestID(t, "drift-removed-staff")
	if got := chipIDs(removed); !slices.Equal(got, []string{"contacts.edit", "invoices.edit"}) {
		t.Errorf("removed %v", got)
	}
	if !strings.Contains(removed.Text(), "Invoices: Edit") {
		t.Errorf("removed = %q", removed.Text())
	}
	staff := page.MustTestID(t, "drift-role-staff").Text()
	if !strings.Contains(staff, "2 permissions added; 2 permissions removed") {
		t.Errorf("staff = %q", staff)
	}

	// Renamed and recoloured, nothing else.
	ro := page.MustTestID(t, "drift-role-read_only")
	if ro.ByTestID("drift-added-read_only") != nil || ro.ByTestID("drift-removed-read_only") != nil {
		t.Error("read-only shows permission changes")
	}
	if got := ro.MustTestID(t, "drift-name-read_only").Text(); !strings.Contains(got, "“Viewers” — default “Read-Only”") {
		t.Errorf("name = %q", got)
	}
	color := ro.MustTestID(t, "drift-color-read_only")
	if badges := color.All(func(e *uitest.Node) bool { return strings.HasPrefix(e.Attrs["class"], "badge ") }); len(badges) != 2 ||
		badges[0].Attrs["class"] != "badge badge-teal" || badges[1].Attrs["class"] != "badge badge-grey" {
		t.Errorf("colour = %q", color.Text())
	}
	if !strings.Contains(ro.Text(), "Name and colour changed") {
		t.Errorf("read-only = %q", ro.Text())
	}

	if got := page.MustTestID(t, "drift-extra").TestIDs("drift-extra-"); !slices.Equal(got, []string{"drift-extra-front_desk"}) {
		t.Errorf("extra %v", got)
	}
	missing := page.MustTestID(t, "drift-missing")
	if !strings.Contains(missing.Text(), "Deleted from this account") || missing.ByTestID("drift-missing-admin") == nil {
		t.Errorf("missing = %q", missing.Text())
	}
	if !strings.Contains(page.MustTestID(t, "drift-extra").Text(), "Added to this account") {
		t.Error("extra roles not called added")
	}
	page.MustTestID(t, "drift-matching-super_admin")

	// A super admin may reset both.
	for _, id := range []string{"drift-reset-staff", "drift-reset-read_only"} {
		b := page.MustTestID(t, id)
		// The accessible name starts with the words shown, as speech
		// input users say them (Lighthouse's label-content-name-mismatch).
		if b.Tag != "button" || b.Attrs["disabled"] != "" || !strings.HasPrefix(b.Attrs["aria-label"], b.Text()+": ") {
			t.Errorf("%s = %v, text %q", id, b.Attrs, b.Text())
		}
	}
}

func TestDriftClean(t *testing.T) {
	d, _, _ := loadDrift(t, &uitest.Presets{Data: saasPreset()}, uitest.MeAs("super_admin"), uitest.PresetMatrix())
	page := uitest.Render(t, d)
	want := "All roles match the " + preset.SaaSAdmin.Name + " defaults."
	if got := page.MustTestID(t, "drift-clean").Text(); got != want {
		t.Errorf("clean = %q", got)
	}
	if ids := page.TestIDs("drift-role-"); len(ids) != 0 {
		t.Errorf("roles %v", ids)
	}
}

func TestDriftResetRefusedByRules(t *testing.T) {
	m := driftedMatrix()
	// Admin is back, with a grant added and a new name.
	m.Roles = append(m.Roles[:1], append([]api.Role{{Role: uitest.PresetRole("admin")}}, m.Roles[1:]...)...)
	m.Roles[1].Name = "Administrators"
	m.Grants["admin"] = append(slices.Clone(uitest.PresetRole("admin").Permissions), "billing.manage")

	t.Run("without roles.edit", func(t *testing.T) {
		d, _, ctx := loadDrift(t, &uitest.Presets{Data: saasPreset()}, uitest.MeAs("read_only"), m)
		page := uitest.Render(t, d)
		for _, id := range []string{"staff", "read_only", "admin"} {
			b := page.MustTestID(t, "drift-reset-"+id)
			if b.Attrs["disabled"] != "true" || uitest.DescribedBy(page, b) != "Editing roles needs the permission “Roles & permissions: Edit”." {
				t.Errorf("%s: %v %q", id, b.Attrs, uitest.DescribedBy(page, b))
			}
		}
		d.askReset(ctx, "staff")
		if d.confirmer.Pending() != nil {
			t.Error("asked to confirm a refused reset")
		}
	})

	t.Run("own role", func(t *testing.T) {
		d, _, _ := loadDrift(t, &uitest.Presets{Data: saasPreset()}, uitest.MeAs("admin"), m)
		page := uitest.Render(t, d)
		own := page.MustTestID(t, "drift-reset-admin")
		if own.Attrs["disabled"] != "true" || uitest.DescribedBy(page, own) != "You cannot change the permissions of your own role." {
			t.Errorf("own role: %v %q", own.Attrs, uitest.DescribedBy(page, own))
		}
		if b := page.MustTestID(t, "drift-reset-staff"); b.Attrs["disabled"] != "" {
			t.Errorf("staff reset disabled for an admin: %q", uitest.DescribedBy(page, b))
		}
	})

	t.Run("own role renamed only", func(t *testing.T) {
		m := m
		m.Grants = map[string][]string{}
		for k, v := range driftedMatrix().Grants {
			m.Grants[k] = v
		}
		m.Grants["admin"] = slices.Clone(uitest.PresetRole("admin").Permissions)
		d, _, _ := loadDrift(t, &uitest.Presets{Data: saasPreset()}, uitest.MeAs("admin"), m)
		if b := uitest.Render(t, d).MustTestID(t, "drift-reset-admin"); b.Attrs["disabled"] != "" {
			t.Errorf("renaming one's own role back refused: %v", b.Attrs)
		}
	})
}

func TestDriftResetRefetches(t *testing.T) {
	f := &uitest.Fake{MatrixData: driftedMatrix()}
	c, e, ctx := loadRoles(t, f, uitest.MeAs("super_admin"))
	p := &uitest.Presets{Fake: f, Data: saasPreset()}
	usePresets(t, p)
	d := &DriftView{Me: c.Me, Matrix: c.matrix}
	d.OnMount(ctx)
	e.ConsumeAll()
	// The page shows the drift view.
	uitest.Render(t, c).MustTestID(t, "drift")

	d.askReset(ctx, "staff")
	dialog := uitest.Render(t, d).MustTestID(t, "confirm-dialog")
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
	d.confirmer.CancelConfirm(ctx)
	if _, resets := p.Counts(); len(resets) != 0 || d.confirmer.Pending() != nil {
		t.Fatalf("cancel reset %v", resets)
	}

	// A refusal stays in the dialog.
	p.Refuse = uitest.RefusalError(api.CodeStaleRevision, "Someone changed this account meanwhile. Try again.")
	d.askReset(ctx, "staff")
	d.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, d).MustTestID(t, "confirm-error").Text(); got != "Someone changed this account meanwhile. Try again." {
		t.Errorf("error = %q", got)
	}

	// Meanwhile someone else gave Read-Only audit.view: the refetched matrix
	// shows it.
	f.Mu.Lock()
	f.MatrixData.Grants["read_only"] = append(f.MatrixData.Grants["read_only"], "audit.view")
	f.Mu.Unlock()
	calls, _ := p.Counts()
	d.confirmer.Confirmed(ctx)
	e.ConsumeAll()
	after, resets := p.Counts()
	if !slices.Equal(resets, []string{"staff", "staff"}) {
		t.Errorf("resets %v", resets)
	}
	if after != calls+1 {
		t.Errorf("preset asked %d times after the reset; want once more", after-calls)
	}
	if d.confirmer.Pending() != nil {
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
	page := uitest.Render(t, d)
	if page.ByTestID("drift-role-staff") != nil {
		t.Error("staff still drifted")
	}
	status := page.MustTestID(t, "drift-status")
	if status.Text() != "Staff is back to the preset's defaults." || status.Attrs["aria-live"] != "polite" {
		t.Errorf("status = %q %v", status.Text(), status.Attrs)
	}
	if got := page.MustTestID(t, "drift-added-read_only"); !slices.Equal(chipIDs(got), []string{"audit.view"}) {
		t.Errorf("read-only added %v", chipIDs(got))
	}
}

// A change made elsewhere moves the account's revision: the view asks for
// the defaults again.
func TestDriftRefetchOnNewRevision(t *testing.T) {
	p := &uitest.Presets{Data: saasPreset()}
	d, e, ctx := loadDrift(t, p, uitest.MeAs("super_admin"), uitest.PresetMatrix())
	d.OnUpdate(ctx)
	e.ConsumeAll()
	if calls, _ := p.Counts(); calls != 1 {
		t.Fatalf("asked %d times without a new revision", calls)
	}
	d.Me.Account.Revision++
	d.OnUpdate(ctx)
	e.ConsumeAll()
	if calls, _ := p.Counts(); calls != 2 {
		t.Errorf("asked %d times after a new revision", calls)
	}
}

func TestDriftLoadFails(t *testing.T) {
	p := &uitest.Presets{Err: uitest.APIError(503, api.CodeUnavailable)}
	usePresets(t, p)
	e, ctx, _ := uitest.Context(t)
	d := &DriftView{Me: uitest.MeAs("super_admin"), Matrix: uitest.PresetMatrix()}
	d.OnMount(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, d)
	if got := page.MustTestID(t, "drift-error").Text(); got != "The service is unavailable. Try again shortly." {
		t.Errorf("error = %q", got)
	}
	p.Mu.Lock()
	p.Err, p.Data = nil, saasPreset()
	p.Mu.Unlock()
	d.retry(ctx, app.Event{})
	e.ConsumeAll()
	uitest.Render(t, d).MustTestID(t, "drift-clean")
}
