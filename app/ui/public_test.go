package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

func TestInvitePage(t *testing.T) {
	f := &fakeServer{}
	useServer(t, f)
	e, ctx, p := testContext(t)
	c := &InvitePage{token: "tok"}
	page := render(t, c)
	page.mustTestID(t, "page-invite")
	pw := page.mustTestID(t, "invite-password")
	if pw.attrs["type"] != "password" || pw.attrs["autocomplete"] != "new-password" {
		t.Errorf("password field %v", pw.attrs)
	}
	if page.mustTestID(t, "invite-submit").attrs["disabled"] != "" {
		t.Error("submit written disabled (prerendered pages read disabled=false as disabled)")
	}

	c.password = "short"
	c.submit(ctx)
	page = render(t, c)
	if page.mustTestID(t, "invite-name-error").Text() != "Enter your name." || page.mustTestID(t, "invite-password-error").Text() != "Use at least 8 characters." {
		t.Error("field errors missing")
	}
	c.name, c.password = "Nora Field", "password"
	f.refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Fields: map[string]string{"password": "The password is too common."}}}
	c.submit(ctx)
	e.ConsumeAll()
	if got := render(t, c).mustTestID(t, "invite-password-error").Text(); got != "The password is too common." {
		t.Errorf("server's field error %q", got)
	}
	f.refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Fields: map[string]string{"token": "Invalid, expired or used."}}}
	c.submit(ctx)
	e.ConsumeAll()
	if got := render(t, c).mustTestID(t, "invite-error").Text(); got != linkProblem {
		t.Errorf("link error %q", got)
	}
	ctx.SetState(stateMe, sampleMe())
	c.submit(ctx)
	e.ConsumeAll()
	if p.Mounted() {
		t.Error("not signed in and sent on")
	}
	if got := f.logged(); got[len(got)-1] != "accept tok Nora Field" {
		t.Errorf("calls %v", got)
	}
	var me api.Me
	ctx.GetState(stateMe, &me)
	if me.User.ID != "" {
		t.Error("the previous person's api.Me survived")
	}
}

func TestInviteWithoutToken(t *testing.T) {
	useServer(t, &fakeServer{})
	_, ctx, _ := testContext(t)
	c := &InvitePage{name: "Nora", password: "long enough"}
	c.submit(ctx)
	if got := render(t, c).mustTestID(t, "invite-error").Text(); got != linkProblem {
		t.Errorf("error %q", got)
	}
}

func TestResetPage(t *testing.T) {
	f := &fakeServer{}
	useServer(t, f)
	e, ctx, p := testContext(t)
	c := &ResetPage{token: "tok"}
	c.submit(ctx)
	if got := render(t, c).mustTestID(t, "reset-password-error").Text(); got != "Enter a password." {
		t.Errorf("error %q", got)
	}
	c.password = "a new long password"
	c.submit(ctx)
	e.ConsumeAll()
	if p.Mounted() || !slices.Equal(f.logged(), []string{"new-password tok"}) {
		t.Errorf("still here %v, calls %v", p.Mounted(), f.logged())
	}
}

func TestForgotPage(t *testing.T) {
	f := &fakeServer{}
	useServer(t, f)
	e, ctx, _ := testContext(t)
	c := &ForgotPage{email: "not an email"}
	c.submit(ctx)
	if render(t, c).mustTestID(t, "forgot-email-error").Text() == "" {
		t.Error("no error for a bad address")
	}
	c.email = " ada@clinic.example "
	c.submit(ctx)
	e.ConsumeAll()
	page := render(t, c)
	sent := page.mustTestID(t, "forgot-sent")
	if sent.Text() != "If this email has an account, a link is on its way. It works for one hour." || sent.attrs["role"] != "status" {
		t.Errorf("sent %q %v", sent.Text(), sent.attrs)
	}
	if !slices.Equal(f.logged(), []string{"forgot ada@clinic.example"}) {
		t.Errorf("calls %v", f.logged())
	}
}

func TestSignInLinksAndRecoveryCode(t *testing.T) {
	f := &fakeServer{loginErr: apiError(401, api.CodeTOTPRequired)}
	useServer(t, f)
	e, ctx, _ := testContext(t)
	c := &SignIn{email: "ada@clinic.example", password: "pw"}
	page := render(t, c)
	if got := page.mustTestID(t, "signin-forgot"); got.attrs["href"] != "/forgot" || got.Text() != "Forgot password?" {
		t.Errorf("forgot link %v %q", got.attrs, got.Text())
	}
	if page.byTestID("signin-recovery-toggle") != nil {
		t.Error("recovery offered before a code is asked for")
	}
	c.submit(ctx)
	e.ConsumeAll()
	page = render(t, c)
	page.mustTestID(t, "signin-code")
	c.toggleRecovery(ctx)
	page = render(t, c)
	if page.byTestID("signin-code") != nil {
		t.Error("code field kept with the recovery code")
	}
	rec := page.mustTestID(t, "signin-recovery")
	if labels := page.all(func(e *node) bool { return e.tag == "label" && e.attrs["for"] == rec.attrs["id"] }); len(labels) != 1 || labels[0].Text() != "Recovery code" {
		t.Errorf("labels %v", labels)
	}
	c.recovery = " k3f9-2xq7-mp4d "
	c.submit(ctx)
	e.ConsumeAll()
	last := f.logins[len(f.logins)-1]
	if last.RecoveryCode != "k3f9-2xq7-mp4d" || last.Code != "" {
		t.Errorf("sent %+v", last)
	}
	if got := render(t, c).mustTestID(t, "signin-error").Text(); !strings.HasPrefix(got, "That recovery code did not work.") {
		t.Errorf("error %q", got)
	}
}

func TestSignInNoteAfterReset(t *testing.T) {
	c := &SignIn{note: "Your password is changed. Sign in with the new one."}
	if got := render(t, c).mustTestID(t, "signin-note").Text(); got != c.note {
		t.Errorf("note %q", got)
	}
}
