package public

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

func TestInvitePage(t *testing.T) {
	f := &uitest.Fake{}
	uitest.Use(t, f)
	e, ctx, p := uitest.Context(t)
	c := &InvitePage{token: "tok", invitation: &harbour}
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-invite")
	pw := page.MustTestID(t, "invite-password")
	if pw.Attrs["type"] != "password" || pw.Attrs["autocomplete"] != "new-password" {
		t.Errorf("password field %v", pw.Attrs)
	}
	if page.MustTestID(t, "invite-submit").Attrs["disabled"] != "" {
		t.Error("submit written disabled (prerendered pages read disabled=false as disabled)")
	}

	c.password = "short"
	c.submit(ctx)
	page = uitest.Render(t, c)
	if page.MustTestID(t, "invite-name-error").Text() != "Enter your name." || page.MustTestID(t, "invite-password-error").Text() != "Use at least 8 characters." {
		t.Error("field errors missing")
	}
	c.name, c.password = "Nora Field", "password"
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Fields: map[string]string{"password": "The password is too common."}}}
	c.submit(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "invite-password-error").Text(); got != "The password is too common." {
		t.Errorf("server's field error %q", got)
	}
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Fields: map[string]string{"token": "Invalid, expired or used."}}}
	c.submit(ctx)
	e.ConsumeAll()
	// Spent meanwhile: the link's problem, and no form left to fill in.
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "invite-dead").Text(); got != linkProblem || page.ByTestID("invite-password") != nil {
		t.Errorf("link error %q, form shown %v", got, page.ByTestID("invite-password") != nil)
	}
	c.dead = false
	ctx.SetState(session.StateMe, uitest.SampleMe())
	c.submit(ctx)
	e.ConsumeAll()
	if p.Mounted() {
		t.Error("not signed in and sent on")
	}
	if got := f.Logged(); got[len(got)-1] != "accept tok Nora Field" {
		t.Errorf("calls %v", got)
	}
	var me api.Me
	ctx.GetState(session.StateMe, &me)
	if me.User.ID != "" {
		t.Error("the previous person's api.Me survived")
	}
}

// harbour is an invitation as the server tells it.
var harbour = api.Invitation{Account: "Harbour Clinic", Email: "nora@clinic.example", Role: "Front Desk", Name: "Nora Field"}

// The page checks the link before showing anything to fill in: a link that
// does not work says so with no form; one that works says where it leads,
// shows the email it is for and the name the admin typed; one that could
// not be checked says why, with a way to try again.
func TestInvitePageChecksTheLinkFirst(t *testing.T) {
	badLink := &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Message: "This link is invalid, expired or used already. Ask for a new one.", Fields: map[string]string{"token": "Invalid, expired or used."}}}
	throttled := &client.Error{Status: 429, Body: api.ErrorBody{Code: api.CodeTooManyAttempts, Message: "Too many failed attempts; try again later."}}
	for _, tc := range []struct {
		name, token string
		err         error
		title       string
		shown       []string
		hidden      []string
	}{
		{"no token", "", nil, "This invitation does not work", []string{"invite-dead"}, []string{"invite-password", "invite-name", "invite-check-problem"}},
		{"bogus or used", "tok", badLink, "This invitation does not work", []string{"invite-dead"}, []string{"invite-password", "invite-name", "invite-check-problem"}},
		{"throttled", "tok", throttled, "Accept your invitation", []string{"invite-check-problem", "invite-check-retry"}, []string{"invite-password", "invite-dead"}},
		{"working", "tok", nil, "Join Harbour Clinic as Front Desk", []string{"invite-email", "invite-name", "invite-password", "invite-submit"}, []string{"invite-dead", "invite-check-problem"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			uitest.Use(t, &uitest.Fake{Invitation: harbour, InvitationErr: tc.err})
			e, ctx, _ := uitest.Context(t)
			c := &InvitePage{token: tc.token}
			c.check(ctx)
			e.ConsumeAll()
			page := uitest.Render(t, c)
			if h := page.All(func(n *uitest.Node) bool { return n.Tag == "h1" }); len(h) != 1 || h[0].Text() != tc.title {
				t.Errorf("title %v, want %q", h, tc.title)
			}
			for _, id := range tc.shown {
				page.MustTestID(t, id)
			}
			for _, id := range tc.hidden {
				if page.ByTestID(id) != nil {
					t.Errorf("%s shown", id)
				}
			}
		})
	}

	// Working: the email is shown and cannot be changed, the name is the
	// admin's, to keep or correct.
	uitest.Use(t, &uitest.Fake{Invitation: harbour})
	e, ctx, _ := uitest.Context(t)
	c := &InvitePage{token: "tok"}
	c.check(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	email := page.MustTestID(t, "invite-email")
	if email.Attrs["value"] != "nora@clinic.example" || email.Attrs["readonly"] != "true" || email.Attrs["autocomplete"] != "username" {
		t.Errorf("email field %v", email.Attrs)
	}
	if got := page.MustTestID(t, "invite-name").Attrs["value"]; got != "Nora Field" {
		t.Errorf("name pre-filled with %q", got)
	}

	// Throttled, then tried again once the wait is over.
	f := &uitest.Fake{Invitation: harbour, InvitationErr: throttled}
	uitest.Use(t, f)
	e, ctx, _ = uitest.Context(t)
	c = &InvitePage{token: "tok"}
	c.check(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "invite-check-problem").Text(); !strings.HasPrefix(got, session.Message(throttled)) {
		t.Errorf("throttled check says %q", got)
	}
	f.InvitationErr = nil
	c.check(ctx)
	e.ConsumeAll()
	uitest.Render(t, c).MustTestID(t, "invite-password")
}

// A role deleted since the invitation leaves the account to name.
func TestJoinTitle(t *testing.T) {
	for _, tc := range []struct {
		inv  api.Invitation
		want string
	}{
		{harbour, "Join Harbour Clinic as Front Desk"},
		{api.Invitation{Account: "Harbour Clinic"}, "Join Harbour Clinic"},
	} {
		if got := joinTitle(tc.inv); got != tc.want {
			t.Errorf("joinTitle(%+v) = %q, want %q", tc.inv, got, tc.want)
		}
	}
}

func TestResetPage(t *testing.T) {
	f := &uitest.Fake{}
	uitest.Use(t, f)
	e, ctx, p := uitest.Context(t)
	c := &ResetPage{token: "tok"}
	c.submit(ctx)
	if got := uitest.Render(t, c).MustTestID(t, "reset-password-error").Text(); got != "Enter a password." {
		t.Errorf("error %q", got)
	}
	c.password = "a new long password"
	c.submit(ctx)
	e.ConsumeAll()
	if p.Mounted() || !slices.Equal(f.Logged(), []string{"new-password tok"}) {
		t.Errorf("still here %v, calls %v", p.Mounted(), f.Logged())
	}
}

func TestForgotPage(t *testing.T) {
	f := &uitest.Fake{}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &ForgotPage{email: "not an email"}
	c.submit(ctx)
	if uitest.Render(t, c).MustTestID(t, "forgot-email-error").Text() == "" {
		t.Error("no error for a bad address")
	}
	c.email = " ada@clinic.example "
	c.submit(ctx)
	e.ConsumeAll()
	page := uitest.Render(t, c)
	sent := page.MustTestID(t, "forgot-sent")
	if sent.Text() != "If this email has an account, a link is on its way. It works for one hour." || sent.Attrs["role"] != "status" {
		t.Errorf("sent %q %v", sent.Text(), sent.Attrs)
	}
	if !slices.Equal(f.Logged(), []string{"forgot ada@clinic.example"}) {
		t.Errorf("calls %v", f.Logged())
	}
}

// Someone signed in already takes the invitation as they are: the page
// says who they are signed in as, and joins with no new password; the
// server's refusal (another email) is said on the page.
func TestInvitePageJoinsWhenSignedIn(t *testing.T) {
	f := &uitest.Fake{MeData: uitest.MeAs("staff")}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &InvitePage{token: "tok", invitation: &harbour, me: &f.MeData}
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "invite-join-submit").Text(); got != "Join as staff@clinic.example" {
		t.Errorf("join button reads %q", got)
	}
	f.Refuse = uitest.RefusalError(api.CodeInvalidState, "This invitation is for another email. Sign out, then open the link again.")
	c.join(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "invite-join-error").Text(); got != "This invitation is for another email. Sign out, then open the link again." {
		t.Errorf("refusal %q", got)
	}
	c.join(ctx)
	e.ConsumeAll()
	if log := f.Logged(); !slices.Equal(log, []string{"join tok", "join tok"}) {
		t.Errorf("calls %v", log)
	}

	// Nobody signed in: only the form.
	if uitest.Render(t, &InvitePage{token: "tok", invitation: &harbour}).ByTestID("invite-join") != nil {
		t.Error("the join offer shows with nobody signed in")
	}
}
