package ui

import (
	"errors"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
)

func TestSignInFieldsAreLabelled(t *testing.T) {
	c := &SignIn{}
	if err := app.NewTestEngine().Load(c); err != nil {
		t.Fatal(err)
	}
	// main > card > form > first field > label
	if err := app.Match(app.Label().Class("label").For("signin-email"), c, 0, 0, 3, 0, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text("Email"), c, 0, 0, 3, 0, 0, 0); err != nil {
		t.Error(err)
	}

	page := render(t, c)
	page.mustTestID(t, "signin-form")
	want := map[string]string{"signin-email": "username", "signin-password": "current-password"}
	for id, autocomplete := range want {
		input := page.mustTestID(t, id)
		if input.attrs["id"] != id || input.attrs["autocomplete"] != autocomplete || input.attrs["required"] != "true" {
			t.Errorf("%s: attributes %v", id, input.attrs)
		}
		if labels := page.all(func(e *node) bool { return e.tag == "label" && e.attrs["for"] == id }); len(labels) != 1 {
			t.Errorf("%s: %d labels", id, len(labels))
		}
	}
	if page.byTestID("signin-code") != nil || page.byTestID("signin-error") != nil {
		t.Error("code field or error shown before any attempt")
	}
	if got := page.mustTestID(t, "signin-submit"); got.attrs["type"] != "submit" || got.Text() != "Sign in" {
		t.Errorf("submit = %v %q", got.attrs, got.Text())
	}
}

func TestSignInErrorMessages(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"wrong password", apiError(401, api.CodeInvalidCredentials), "Email or password is wrong."},
		{"rate limited", apiError(429, api.CodeTooManyAttempts), "Too many attempts. Try again in a few minutes."},
		{"store down", apiError(503, api.CodeUnavailable), "The service is unavailable. Try again shortly."},
		{"no answer", apiError(0, api.CodeUnavailable), "The service is unavailable. Try again shortly."},
		{"bad input", apiError(400, api.CodeInvalidInput), "Signing in failed. Try again."},
		{"internal", apiError(500, api.CodeInternal), "Signing in failed. Try again."},
		{"not an API error", errors.New("decoding: unexpected EOF"), "Signing in failed. Try again."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &SignIn{busy: true}
			c.fail(tt.err)
			if c.busy {
				t.Error("still busy after the answer")
			}
			page := render(t, c)
			msg := page.mustTestID(t, "signin-error")
			if msg.Text() != tt.want || msg.attrs["role"] != "alert" || msg.attrs["aria-live"] != "assertive" {
				t.Errorf("error = %q %v, want %q announced", msg.Text(), msg.attrs, tt.want)
			}
			email := page.mustTestID(t, "signin-email")
			if email.attrs["aria-invalid"] != "true" || email.attrs["aria-describedby"] != msg.attrs["id"] {
				t.Errorf("email field not tied to the error: %v", email.attrs)
			}
		})
	}
}

func TestSignInAsksForCode(t *testing.T) {
	c := &SignIn{}
	c.fail(apiError(401, api.CodeTOTPRequired))
	page := render(t, c)
	if page.byTestID("signin-error") != nil {
		t.Error("asking for a code is shown as an error")
	}
	code := page.mustTestID(t, "signin-code")
	if code.attrs["autocomplete"] != "one-time-code" || code.attrs["inputmode"] != "numeric" {
		t.Errorf("code field attributes %v", code.attrs)
	}

	// A second refusal means the code itself was wrong.
	c.fail(apiError(401, api.CodeTOTPRequired))
	page = render(t, c)
	if got := page.mustTestID(t, "signin-error").Text(); got != "That code did not work. Enter the current code from your authenticator app." {
		t.Errorf("error = %q", got)
	}
	page.mustTestID(t, "signin-code")
}

func TestSignInSubmit(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		useServer(t, &fakeServer{loginErr: apiError(401, api.CodeInvalidCredentials)})
		e, ctx, p := testContext(t)
		c := &SignIn{email: "grace@clinic.example", password: "nope"}
		c.submit(ctx)
		if !c.busy {
			t.Error("not busy while signing in")
		}
		e.ConsumeAll()
		if c.busy || c.problem != "Email or password is wrong." || !p.Mounted() {
			t.Errorf("busy %v, problem %q, still on the page %v", c.busy, c.problem, p.Mounted())
		}
	})
	t.Run("accepted", func(t *testing.T) {
		useServer(t, &fakeServer{})
		e, ctx, p := testContext(t)
		ctx.SetState(stateMe, sampleMe())
		(&SignIn{email: "grace@clinic.example", password: "right"}).submit(ctx)
		e.ConsumeAll()
		if p.Mounted() {
			t.Error("did not leave the sign-in page")
		}
		var me api.Me
		ctx.GetState(stateMe, &me)
		if me.User.ID != "" {
			t.Error("the previous person's api.Me survived the sign-in")
		}
	})
}
