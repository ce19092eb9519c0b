package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// loadShell mounts a shell for page key against f and lets its calls finish.
func loadShell(t *testing.T, f *fakeServer, key string) *Shell {
	t.Helper()
	c, _ := loadShellProbe(t, f, key)
	return c
}

// loadShellProbe is loadShell that also returns the probe, which leaves when
// the shell navigates away.
func loadShellProbe(t *testing.T, f *fakeServer, key string) (*Shell, *probe) {
	t.Helper()
	useServer(t, f)
	e, ctx, p := testContext(t)
	c := &Shell{Page: key}
	c.OnMount(ctx)
	e.ConsumeAll()
	return c, p
}

func TestShellShowsWhoIsSignedIn(t *testing.T) {
	c := loadShell(t, &fakeServer{me: sampleMe()}, "overview")
	page := render(t, c)
	checks := map[string]string{
		"shell-account-name": "Harbour Clinic",
		"shell-user-name":    "Grace Hopper",
		"shell-user-role":    "Admin",
		"signout":            "Sign out",
	}
	for id, want := range checks {
		if got := page.mustTestID(t, id).Text(); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if class := page.mustTestID(t, "shell-user-role").attrs["class"]; class != "badge badge-blue" {
		t.Errorf("role badge class = %q", class)
	}
	if avatars := page.all(func(e *node) bool { return e.attrs["class"] == "avatar avatar-blue" }); len(avatars) != 1 || avatars[0].Text() != "GH" {
		t.Errorf("avatar not found with initials GH")
	}
	page.mustTestID(t, "overview")
	if link := page.mustTestID(t, "nav-overview"); link.attrs["aria-current"] != "page" || link.attrs["href"] != "/" {
		t.Errorf("overview link = %v", link.attrs)
	}
	if skip := page.all(func(e *node) bool { return e.attrs["href"] == "#main" }); len(skip) != 1 {
		t.Error("no skip link to #main")
	}
	if main := page.all(func(e *node) bool { return e.tag == "main" && e.attrs["id"] == "main" }); len(main) != 1 {
		t.Error("no <main id=main>")
	}
}

func TestShellNavFollowsPermissions(t *testing.T) {
	usePages(t, []page{
		{key: "overview", label: "Overview", path: "/", content: func(api.Me) app.UI { return app.P().Text("home") }},
		{key: "users", label: "Users", path: "/users", permission: "users.view", content: func(api.Me) app.UI { return app.P().Text("users") }},
		{key: "audit", label: "Audit", path: "/audit", permission: "audit.view", content: func(api.Me) app.UI { return app.P().Text("audit") }},
	})
	tests := []struct {
		name  string
		perms []string
		want  []string
	}{
		{"no permissions", nil, []string{"nav-overview"}},
		{"users only", []string{"users.view", "roles.view"}, []string{"nav-overview", "nav-users"}},
		{"own-only grant opens the page", []string{"audit.view:own"}, []string{"nav-overview", "nav-audit"}},
		{"both", []string{"audit.view", "users.view"}, []string{"nav-overview", "nav-users", "nav-audit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			me := sampleMe()
			me.Permissions = tt.perms
			page := render(t, loadShell(t, &fakeServer{me: me}, "overview"))
			if got := page.mustTestID(t, "nav").testIDs("nav-"); !slices.Equal(got, tt.want) {
				t.Errorf("nav = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestShellRefusesPageWithoutPermission(t *testing.T) {
	usePages(t, []page{
		{key: "users", label: "Users", path: "/users", permission: "users.view", content: func(api.Me) app.UI { return app.P().Text("secret list") }},
	})
	me := sampleMe()
	me.Permissions = nil
	page := render(t, loadShell(t, &fakeServer{me: me}, "users"))
	if got := page.Text(); !strings.Contains(got, "You don't have access to this page.") || strings.Contains(got, "secret list") {
		t.Errorf("page text = %q", got)
	}
}

func TestShellSuperAdminBadge(t *testing.T) {
	me := sampleMe()
	me.Role = &role.Role{ID: "super_admin", Name: "Super Admin", Color: "purple", SuperAdmin: true}
	page := render(t, loadShell(t, &fakeServer{me: me}, "overview"))
	if got := page.mustTestID(t, "shell-user-role").attrs["class"]; got != "badge badge-purple" {
		t.Errorf("badge class = %q", got)
	}
}

func TestShellWhenSignedOut(t *testing.T) {
	_, p := loadShellProbe(t, &fakeServer{meErr: apiError(401, api.CodeUnauthenticated)}, "overview")
	if p.Mounted() {
		t.Error("did not navigate away without a session")
	}
}

func TestShellWhenServiceIsDown(t *testing.T) {
	c, p := loadShellProbe(t, &fakeServer{meErr: apiError(503, api.CodeUnavailable)}, "overview")
	if !p.Mounted() {
		t.Fatal("navigated away")
	}
	page := render(t, c)
	alerts := page.all(func(e *node) bool { return e.attrs["role"] == "alert" })
	if len(alerts) != 1 || alerts[0].Text() != "The service is unavailable. Try again shortly." {
		t.Fatalf("alerts = %v", alerts)
	}
	if page.byTestID("overview") != nil || page.byTestID("shell-user-name") != nil {
		t.Error("content shown without knowing who is signed in")
	}
	if buttons := page.all(func(e *node) bool { return e.tag == "button" && e.Text() == "Try again" }); len(buttons) != 1 {
		t.Error("no way to try again")
	}
}

func TestShellKeepsMeInState(t *testing.T) {
	f := &fakeServer{me: sampleMe()}
	useServer(t, f)
	e, ctx, _ := testContext(t)
	(&Shell{Page: "overview"}).OnMount(ctx)
	e.ConsumeAll()

	// The next page shows who is signed in at once, before its own refresh.
	next := &Shell{Page: "overview"}
	f.meErr = apiError(503, api.CodeUnavailable)
	next.OnMount(ctx)
	if got := render(t, next).mustTestID(t, "shell-user-name").Text(); got != "Grace Hopper" {
		t.Errorf("user name = %q", got)
	}
	e.ConsumeAll()
	// A failed refresh keeps what is known and says so.
	page := render(t, next)
	page.mustTestID(t, "overview")
	if len(page.all(func(e *node) bool { return e.attrs["role"] == "alert" })) != 1 {
		t.Error("failed refresh not reported")
	}
}

func TestShellSignOut(t *testing.T) {
	f := &fakeServer{me: sampleMe()}
	useServer(t, f)
	e, ctx, p := testContext(t)
	c := &Shell{Page: "overview"}
	c.OnMount(ctx)
	e.ConsumeAll()

	c.signOut(ctx, app.Event{})
	e.ConsumeAll()
	if f.logouts != 1 || p.Mounted() {
		t.Fatalf("logouts %d, still on the page %v", f.logouts, p.Mounted())
	}
	var me api.Me
	ctx.GetState(stateMe, &me)
	if me.User.ID != "" {
		t.Error("api.Me kept after signing out")
	}
}

func TestShellSignOutFailure(t *testing.T) {
	_, ctx, p := testContext(t)
	c := &Shell{Page: "overview", me: sampleMe()}
	c.signedOut(ctx, apiError(503, api.CodeUnavailable))
	if !p.Mounted() || c.problem != "Signing out failed. The service is unavailable. Try again shortly." {
		t.Errorf("navigated %v, problem %q", !p.Mounted(), c.problem)
	}
	// Already signed out counts as done.
	c.signedOut(ctx, apiError(401, api.CodeUnauthenticated))
	if p.Mounted() {
		t.Error("stayed after the session had ended")
	}
}

// Another browser grants the signed-in person's role a permission: the
// shell's watch brings the new api.Me, and the nav follows without a reload.
func TestShellWatchAppliesNewMe(t *testing.T) {
	me := meAs("staff")
	f := &fakeServer{me: me}
	useServer(t, f)
	e, ctx, _ := testContext(t)
	c := &Shell{Page: "overview"}
	c.OnMount(ctx)
	e.ConsumeAll()
	if got := render(t, c).mustTestID(t, "nav").testIDs("nav-"); !slices.Equal(got, []string{"nav-overview", "nav-users", "nav-me"}) {
		t.Fatalf("nav = %v", got)
	}

	granted := meAs("staff")
	granted.Permissions = append(granted.Permissions, "audit.view")
	granted.Account.Revision++
	f.setMe(granted)
	calls := f.calls()
	c.watch(ctx, time.Millisecond)
	for deadline := time.Now().Add(5 * time.Second); f.calls() < calls+2 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	c.OnDismount()
	e.ConsumeAll()

	if got := render(t, c).mustTestID(t, "nav").testIDs("nav-"); !slices.Equal(got, []string{"nav-overview", "nav-users", "nav-audit", "nav-me"}) {
		t.Errorf("nav after the change = %v", got)
	}
	var shared api.Me
	ctx.GetState(stateMe, &shared)
	if shared.Account.Revision != granted.Account.Revision {
		t.Errorf("shared api.Me at revision %d", shared.Account.Revision)
	}
	if c.stop != nil {
		t.Error("still watching after dismount")
	}
}

func TestShellWatchEndsWithTheSession(t *testing.T) {
	f := &fakeServer{me: sampleMe()}
	c, p := loadShellProbe(t, f, "overview")
	c.polled(p.ctx, api.Me{}, apiError(401, api.CodeUnauthenticated))
	if p.Mounted() {
		t.Error("stayed on the page after the session ended")
	}
}

func TestChanged(t *testing.T) {
	a := meAs("staff")
	if changed(a, meAs("staff")) {
		t.Error("same api.Me reported as changed")
	}
	b := meAs("staff")
	b.Account.Revision++
	c := meAs("staff")
	c.Permissions = c.Permissions[1:]
	d := meAs("staff")
	d.Role.Color = "red"
	// The grace period ends by the clock alone: no revision moves.
	g := meAs("staff")
	g.TwoFactor.MustEnroll = true
	for i, next := range []api.Me{b, c, d, g} {
		if !changed(a, next) {
			t.Errorf("change %d not seen", i)
		}
	}
}

// While the policy holds the person at enrolment, the shell offers My
// account alone, and says why.
func TestShellMustEnroll(t *testing.T) {
	me := meAs("admin")
	me.TwoFactor = api.TwoFactorStatus{Required: true, MustEnroll: true}
	c := loadShell(t, &fakeServer{me: me}, "me")
	page := render(t, c)
	if got := page.mustTestID(t, "nav").testIDs("nav-"); !slices.Equal(got, []string{"nav-me"}) {
		t.Errorf("nav %v", got)
	}
	page.mustTestID(t, "page-me")
	page.mustTestID(t, "totp-start")
	if got := page.mustTestID(t, "twofactor-required").Text(); !strings.Contains(got, "Two-factor sign-in is required.") {
		t.Errorf("message %q", got)
	}
}

func TestShellMustEnrollElsewhere(t *testing.T) {
	me := meAs("admin")
	me.TwoFactor = api.TwoFactorStatus{Required: true, MustEnroll: true}
	c, p := loadShellProbe(t, &fakeServer{me: me}, "users")
	if p.Mounted() {
		t.Error("not sent to My account")
	}
	page := render(t, c)
	page.mustTestID(t, "page-me")
	if page.byTestID("page-users") != nil {
		t.Error("the Users page shown during enrolment")
	}
}

func TestShellTwoFactorReminder(t *testing.T) {
	by := time.Date(2025, 3, 18, 12, 0, 0, 0, time.UTC)
	me := meAs("admin")
	me.TwoFactor = api.TwoFactorStatus{Required: true, EnrollBy: &by}
	c := loadShell(t, &fakeServer{me: me}, "overview")
	page := render(t, c)
	banner := page.mustTestID(t, "twofactor-banner")
	if !strings.Contains(banner.Text(), "Your account requires two-factor sign-in by "+by.Local().Format("2 January 2006")) {
		t.Errorf("banner %q", banner.Text())
	}
	if got := page.mustTestID(t, "twofactor-banner-link").attrs["href"]; got != "/me" {
		t.Errorf("link %q", got)
	}
	if got := page.mustTestID(t, "nav").testIDs("nav-"); len(got) < 3 {
		t.Errorf("nav limited during the grace period: %v", got)
	}
	c.reminderClosed = true
	if render(t, c).byTestID("twofactor-banner") != nil {
		t.Error("dismissed reminder still shown")
	}

	me.TwoFactor = api.TwoFactorStatus{Enabled: true, Required: true}
	c2 := loadShell(t, &fakeServer{me: me}, "overview")
	if render(t, c2).byTestID("twofactor-banner") != nil {
		t.Error("reminder shown to someone enrolled")
	}
}
