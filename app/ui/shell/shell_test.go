package shell

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/role"
)

// loadShell mounts a shell for page key against f and lets its calls finish.
func loadShell(t *testing.T, f *uitest.Fake, key string) *Shell {
	t.Helper()
	c, _ := loadShellProbe(t, f, key)
	return c
}

// loadShellProbe is loadShell that also returns the probe, which leaves when
// the shell navigates away.
func loadShellProbe(t *testing.T, f *uitest.Fake, key string) (*Shell, *uitest.Probe) {
	t.Helper()
	uitest.Use(t, f)
	e, ctx, p := uitest.Context(t)
	c := &Shell{Page: key}
	c.OnMount(ctx)
	e.ConsumeAll()
	return c, p
}

func TestShellShowsWhoIsSignedIn(t *testing.T) {
	c := loadShell(t, &uitest.Fake{MeData: uitest.SampleMe()}, "overview")
	page := uitest.Render(t, c)
	checks := map[string]string{
		"shell-account-name": "Harbour Clinic",
		"shell-user-name":    "Grace Hopper",
		"shell-user-role":    "Admin",
		"signout":            "Sign out",
	}
	for id, want := range checks {
		if got := page.MustTestID(t, id).Text(); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if class := page.MustTestID(t, "shell-user-role").Attrs["class"]; class != "badge badge-blue" {
		t.Errorf("role badge class = %q", class)
	}
	if avatars := page.All(func(e *uitest.Node) bool { return e.Attrs["class"] == "avatar avatar-blue" }); len(avatars) != 1 || avatars[0].Text() != "GH" {
		t.Errorf("avatar not found with initials GH")
	}
	page.MustTestID(t, "overview")
	if link := page.MustTestID(t, "nav-overview"); link.Attrs["aria-current"] != "page" || link.Attrs["href"] != "/" {
		t.Errorf("overview link = %v", link.Attrs)
	}
	if skip := page.All(func(e *uitest.Node) bool { return e.Attrs["href"] == "#main" }); len(skip) != 1 {
		t.Error("no skip link to #main")
	}
	if main := page.All(func(e *uitest.Node) bool { return e.Tag == "main" && e.Attrs["id"] == "main" }); len(main) != 1 {
		t.Error("no <main id=main>")
	}
}

func TestShellNavFollowsPermissions(t *testing.T) {
	usePages(t, []Entry{
		{Key: "overview", label: "Overview", Path: "/", Content: func(api.Me) app.UI { return app.P().Text("home") }},
		{Key: "users", label: "Users", Path: "/users", permission: "users.view", Content: func(api.Me) app.UI { return app.P().Text("users") }},
		{Key: "audit", label: "Audit", Path: "/audit", permission: "audit.view", Content: func(api.Me) app.UI { return app.P().Text("audit") }},
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
			me := uitest.SampleMe()
			me.Permissions = tt.perms
			page := uitest.Render(t, loadShell(t, &uitest.Fake{MeData: me}, "overview"))
			if got := page.MustTestID(t, "nav").TestIDs("nav-"); !slices.Equal(got, tt.want) {
				t.Errorf("nav = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestShellRefusesPageWithoutPermission(t *testing.T) {
	usePages(t, []Entry{
		{Key: "users", label: "Users", Path: "/users", permission: "users.view", Content: func(api.Me) app.UI { return app.P().Text("secret list") }},
	})
	me := uitest.SampleMe()
	me.Permissions = nil
	page := uitest.Render(t, loadShell(t, &uitest.Fake{MeData: me}, "users"))
	if got := page.Text(); !strings.Contains(got, "You don't have access to this page.") || strings.Contains(got, "secret list") {
		t.Errorf("page text = %q", got)
	}
}

func TestShellSuperAdminBadge(t *testing.T) {
	me := uitest.SampleMe()
	me.Role = &role.Role{ID: "super_admin", Name: "Super Admin", Color: "purple", SuperAdmin: true}
	page := uitest.Render(t, loadShell(t, &uitest.Fake{MeData: me}, "overview"))
	if got := page.MustTestID(t, "shell-user-role").Attrs["class"]; got != "badge badge-purple" {
		t.Errorf("badge class = %q", got)
	}
}

func TestShellWhenSignedOut(t *testing.T) {
	_, p := loadShellProbe(t, &uitest.Fake{MeErr: uitest.APIError(401, api.CodeUnauthenticated)}, "overview")
	if p.Mounted() {
		t.Error("did not navigate away without a session")
	}
}

func TestShellWhenServiceIsDown(t *testing.T) {
	c, p := loadShellProbe(t, &uitest.Fake{MeErr: uitest.APIError(503, api.CodeUnavailable)}, "overview")
	if !p.Mounted() {
		t.Fatal("navigated away")
	}
	page := uitest.Render(t, c)
	alerts := page.All(func(e *uitest.Node) bool { return e.Attrs["role"] == "alert" })
	if len(alerts) != 1 || alerts[0].Text() != "The service is unavailable. Try again shortly." {
		t.Fatalf("alerts = %v", alerts)
	}
	if page.ByTestID("overview") != nil || page.ByTestID("shell-user-name") != nil {
		t.Error("content shown without knowing who is signed in")
	}
	if buttons := page.All(func(e *uitest.Node) bool { return e.Tag == "button" && e.Text() == "Try again" }); len(buttons) != 1 {
		t.Error("no way to try again")
	}
}

func TestShellKeepsMeInState(t *testing.T) {
	f := &uitest.Fake{MeData: uitest.SampleMe()}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	(&Shell{Page: "overview"}).OnMount(ctx)
	e.ConsumeAll()

	// The next page shows who is signed in at once, before its own refresh.
	next := &Shell{Page: "overview"}
	f.MeErr = uitest.APIError(503, api.CodeUnavailable)
	next.OnMount(ctx)
	if got := uitest.Render(t, next).MustTestID(t, "shell-user-name").Text(); got != "Grace Hopper" {
		t.Errorf("user name = %q", got)
	}
	e.ConsumeAll()
	// A failed refresh keeps what is known and says the service is out of
	// reach in the connection indicator alone: the page's own loads give
	// the one error banner.
	page := uitest.Render(t, next)
	page.MustTestID(t, "overview")
	if alerts := page.All(func(e *uitest.Node) bool { return e.Attrs["role"] == "alert" }); len(alerts) != 0 {
		t.Errorf("shell banner repeats the page's: %v", alerts[0].Text())
	}
	if got := page.MustTestID(t, "connection").Text(); got != "Offline — reconnecting…" {
		t.Errorf("connection = %q", got)
	}
}

func TestShellSignOut(t *testing.T) {
	f := &uitest.Fake{MeData: uitest.SampleMe()}
	uitest.Use(t, f)
	e, ctx, p := uitest.Context(t)
	c := &Shell{Page: "overview"}
	c.OnMount(ctx)
	e.ConsumeAll()

	c.signOut(ctx, app.Event{})
	e.ConsumeAll()
	if f.Logouts != 1 || p.Mounted() {
		t.Fatalf("logouts %d, still on the page %v", f.Logouts, p.Mounted())
	}
	var me api.Me
	ctx.GetState(session.StateMe, &me)
	if me.User.ID != "" {
		t.Error("api.Me kept after signing out")
	}
}

func TestShellSignOutFailure(t *testing.T) {
	_, ctx, p := uitest.Context(t)
	c := &Shell{Page: "overview", me: uitest.SampleMe()}
	c.signedOut(ctx, uitest.APIError(503, api.CodeUnavailable))
	if !p.Mounted() || c.problem != "Signing out failed. The service is unavailable. Try again shortly." {
		t.Errorf("navigated %v, problem %q", !p.Mounted(), c.problem)
	}
	// Already signed out counts as done.
	c.signedOut(ctx, uitest.APIError(401, api.CodeUnauthenticated))
	if p.Mounted() {
		t.Error("stayed after the session had ended")
	}
}

// Another browser grants the signed-in person's role a permission: the
// shell's watch brings the new api.Me, and the nav follows without a reload.
func TestShellWatchAppliesNewMe(t *testing.T) {
	me := uitest.MeAs("staff")
	f := &uitest.Fake{MeData: me}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &Shell{Page: "overview"}
	c.OnMount(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "nav").TestIDs("nav-"); !slices.Equal(got, []string{"nav-overview", "nav-users", "nav-me"}) {
		t.Fatalf("nav = %v", got)
	}

	granted := uitest.MeAs("staff")
	granted.Permissions = append(granted.Permissions, "audit.view")
	granted.Account.Revision++
	f.SetMe(granted)
	calls := f.Calls()
	c.watch(ctx, time.Millisecond)
	for deadline := time.Now().Add(5 * time.Second); f.Calls() < calls+2 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	c.OnDismount()
	e.ConsumeAll()

	if got := uitest.Render(t, c).MustTestID(t, "nav").TestIDs("nav-"); !slices.Equal(got, []string{"nav-overview", "nav-users", "nav-audit", "nav-me"}) {
		t.Errorf("nav after the change = %v", got)
	}
	var shared api.Me
	ctx.GetState(session.StateMe, &shared)
	if shared.Account.Revision != granted.Account.Revision {
		t.Errorf("shared api.Me at revision %d", shared.Account.Revision)
	}
	if c.stop != nil {
		t.Error("still watching after dismount")
	}
}

func TestShellWatchEndsWithTheSession(t *testing.T) {
	f := &uitest.Fake{MeData: uitest.SampleMe()}
	c, p := loadShellProbe(t, f, "overview")
	c.polled(p.Ctx, api.Me{}, uitest.APIError(401, api.CodeUnauthenticated))
	if p.Mounted() {
		t.Error("stayed on the page after the session ended")
	}
}

func TestChanged(t *testing.T) {
	a := uitest.MeAs("staff")
	if changed(a, uitest.MeAs("staff")) {
		t.Error("same api.Me reported as changed")
	}
	b := uitest.MeAs("staff")
	b.Account.Revision++
	c := uitest.MeAs("staff")
	c.Permissions = c.Permissions[1:]
	d := uitest.MeAs("staff")
	d.Role.Color = "red"
	// The grace period ends by the clock alone: no revision moves.
	g := uitest.MeAs("staff")
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
	me := uitest.MeAs("admin")
	me.TwoFactor = api.TwoFactorStatus{Required: true, MustEnroll: true}
	c := loadShell(t, &uitest.Fake{MeData: me}, "me")
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "nav").TestIDs("nav-"); !slices.Equal(got, []string{"nav-me"}) {
		t.Errorf("nav %v", got)
	}
	page.MustTestID(t, "page-me")
	page.MustTestID(t, "totp-start")
	if got := page.MustTestID(t, "twofactor-required").Text(); !strings.Contains(got, "Two-factor sign-in is required.") {
		t.Errorf("message %q", got)
	}
}

func TestShellMustEnrollElsewhere(t *testing.T) {
	me := uitest.MeAs("admin")
	me.TwoFactor = api.TwoFactorStatus{Required: true, MustEnroll: true}
	c, p := loadShellProbe(t, &uitest.Fake{MeData: me}, "users")
	if p.Mounted() {
		t.Error("not sent to My account")
	}
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-me")
	if page.ByTestID("page-users") != nil {
		t.Error("the Users page shown during enrolment")
	}
}

func TestShellTwoFactorReminder(t *testing.T) {
	by := time.Date(2025, 3, 18, 12, 0, 0, 0, time.UTC)
	me := uitest.MeAs("admin")
	me.TwoFactor = api.TwoFactorStatus{Required: true, EnrollBy: &by}
	c := loadShell(t, &uitest.Fake{MeData: me}, "overview")
	page := uitest.Render(t, c)
	banner := page.MustTestID(t, "twofactor-banner")
	if !strings.Contains(banner.Text(), "Your account requires two-factor sign-in by "+by.Local().Format("2 January 2006")) {
		t.Errorf("banner %q", banner.Text())
	}
	if got := page.MustTestID(t, "twofactor-banner-link").Attrs["href"]; got != "/me" {
		t.Errorf("link %q", got)
	}
	if got := page.MustTestID(t, "nav").TestIDs("nav-"); len(got) < 3 {
		t.Errorf("nav limited during the grace period: %v", got)
	}
	c.reminderClosed = true
	if uitest.Render(t, c).ByTestID("twofactor-banner") != nil {
		t.Error("dismissed reminder still shown")
	}

	me.TwoFactor = api.TwoFactorStatus{Enabled: true, Required: true}
	c2 := loadShell(t, &uitest.Fake{MeData: me}, "overview")
	if uitest.Render(t, c2).ByTestID("twofactor-banner") != nil {
		t.Error("reminder shown to someone enrolled")
	}
}

// On a tablet the nav opens from a menu button that says whether it is
// open and which element it opens; arriving at another page closes it.
func TestShellMenuButton(t *testing.T) {
	c := loadShell(t, &uitest.Fake{MeData: uitest.SampleMe()}, "overview")
	c.arrive("/")
	click := func() { c.toggleMenu(app.Context{}, app.Event{}) }
	tests := []struct {
		name     string
		act      func()
		expanded string
		class    string
	}{
		{"closed at first", func() {}, "false", "sidebar"},
		{"opened", click, "true", "sidebar sidebar-open"},
		{"closed again", click, "false", "sidebar"},
		{"reopened", click, "true", "sidebar sidebar-open"},
		{"a link followed closes it", func() { c.arrive("/users") }, "false", "sidebar"},
	}
	for _, tt := range tests {
		tt.act()
		page := uitest.Render(t, c)
		button := page.MustTestID(t, "nav-toggle")
		if got := button.Attrs["aria-expanded"]; got != tt.expanded {
			t.Errorf("%s: aria-expanded = %q, want %q", tt.name, got, tt.expanded)
		}
		if got := page.MustTestID(t, "sidebar").Attrs["class"]; got != tt.class {
			t.Errorf("%s: sidebar class = %q, want %q", tt.name, got, tt.class)
		}
		if button.Tag != "button" || button.Attrs["type"] != "button" || button.Text() != "Menu" {
			t.Errorf("%s: menu button %s %v %q", tt.name, button.Tag, button.Attrs, button.Text())
		}
		if ctl := button.Attrs["aria-controls"]; page.MustTestID(t, "nav").Attrs["id"] != ctl {
			t.Errorf("%s: aria-controls %q is not the nav", tt.name, ctl)
		}
	}
}

// The focus moves to the heading once per arrival at another page: not on
// the first page of a visit, nor for a link to the page shown.
func TestShellArrive(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		moves []bool
	}{
		{"first page keeps the browser's start", []string{"/users"}, []bool{false}},
		{"each new page", []string{"/", "/users", "/roles", "/"}, []bool{false, true, true, true}},
		{"the page shown again", []string{"/users", "/users"}, []bool{false, false}},
		{"back and forth", []string{"/users", "/audit", "/audit", "/users"}, []bool{false, true, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Shell{}
			for i, p := range tt.paths {
				if got := c.arrive(p); got != tt.moves[i] {
					t.Errorf("arriving at %s (step %d) moved the focus: %v, want %v", p, i, got, tt.moves[i])
				}
			}
		})
	}
}

// The service goes out of reach on an idle page: the watch's failed poll
// lights the one connection indicator, and the next poll that gets through
// puts it out, the page staying as it was throughout.
func TestShellConnectionIndicator(t *testing.T) {
	f := &uitest.Fake{MeData: uitest.SampleMe()}
	c, p := loadShellProbe(t, f, "overview")
	indicator := func() string {
		t.Helper()
		page := uitest.Render(t, c)
		page.MustTestID(t, "overview")
		if n := len(page.All(func(e *uitest.Node) bool { return e.Attrs["data-testid"] == "connection" })); n != 1 {
			t.Fatalf("%d connection indicators", n)
		}
		return page.MustTestID(t, "connection").Text()
	}
	steps := []struct {
		name string
		err  error
		want string
	}{
		{"online", nil, ""},
		{"network down", &client.Error{Body: api.ErrorBody{Code: api.CodeUnavailable}}, "Offline — reconnecting…"},
		{"still down", uitest.APIError(503, api.CodeUnavailable), "Offline — reconnecting…"},
		{"back", nil, ""},
	}
	for _, s := range steps {
		var me api.Me
		if s.err == nil {
			me = uitest.SampleMe()
		}
		c.polled(p.Ctx, me, s.err)
		if got := indicator(); got != s.want {
			t.Errorf("%s: indicator = %q, want %q", s.name, got, s.want)
		}
	}
	if got := uitest.Render(t, c).MustTestID(t, "connection").Attrs["role"]; got != "status" {
		t.Errorf("indicator role = %q", got)
	}
}

// A refresh of /me that fails leaves the shell's banner to the time before
// anyone is known; once the page shows, its own loads say what failed.
func TestShellRefreshFailure(t *testing.T) {
	tests := []struct {
		name        string
		known       api.Me
		err         error
		wantProblem string
		wantOffline bool
	}{
		{"signed in, service out of reach", uitest.SampleMe(), uitest.APIError(503, api.CodeUnavailable), "", true},
		{"signed in, server fault", uitest.SampleMe(), uitest.APIError(500, "internal"), "", false},
		{"not yet known", api.Me{}, uitest.APIError(500, "internal"), "Something went wrong. Try again.", false},
	}
	for _, tt := range tests {
		_, ctx, _ := uitest.Context(t)
		c := &Shell{Page: "overview", me: tt.known}
		c.applyMe(ctx, api.Me{}, tt.err)
		if c.problem != tt.wantProblem || c.offline != tt.wantOffline {
			t.Errorf("%s: problem %q, offline %v; want %q, %v", tt.name, c.problem, c.offline, tt.wantProblem, tt.wantOffline)
		}
	}
}
