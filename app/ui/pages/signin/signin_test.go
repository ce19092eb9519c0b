package signin

import (
	"errors"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

func TestSignInFieldsAreLabelled(t *testing.T) {
	c := &Page{}
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

	page := uitest.Render(t, c)
	page.MustTestID(t, "signin-form")
	want := map[string]string{"signin-email": "username", "signin-password": "current-password"}
	for id, autocomplete := range want {
		input := page.MustTestID(t, id)
		if input.Attrs["id"] != id || input.Attrs["autocomplete"] != autocomplete || input.Attrs["required"] != "true" {
			t.Errorf("%s: attributes %v", id, input.Attrs)
		}
		if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == id }); len(labels) != 1 {
			t.Errorf("%s: %d labels", id, len(labels))
		}
	}
	if page.ByTestID("signin-code") != nil || page.ByTestID("signin-error") != nil {
		t.Error("code field or error shown before any attempt")
	}
	if got := page.MustTestID(t, "signin-submit"); got.Attrs["type"] != "submit" || got.Text() != "Sign in" {
		t.Errorf("submit = %v %q", got.Attrs, got.Text())
	}
}

func TestSignInErrorMessages(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"wrong password", uitest.APIError(401, api.CodeInvalidCredentials), "Email or password is wrong."},
		{"rate limited", uitest.APIError(429, api.CodeTooManyAttempts), "Too many attempts. Try again in a few minutes."},
		{"store down", uitest.APIError(503, api.CodeUnavailable), "The service is unavailable. Try again shortly."},
		{"no answer", uitest.APIError(0, api.CodeUnavailable), "The service is unavailable. Try again shortly."},
		{"bad input", uitest.APIError(400, api.CodeInvalidInput), "Signing in failed. Try again."},
		{"internal", uitest.APIError(500, api.CodeInternal), "Signing in failed. Try again."},
		{"not an API error", errors.New("decoding: unexpected EOF"), "Signing in failed. Try again."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Page{busy: true}
			c.fail(tt.err)
			if c.busy {
				t.Error("still busy after the answer")
			}
			page := uitest.Render(t, c)
			msg := page.MustTestID(t, "signin-error")
			if msg.Text() != tt.want || msg.Attrs["role"] != "alert" || msg.Attrs["aria-live"] != "assertive" {
				t.Errorf("error = %q %v, want %q announced", msg.Text(), msg.Attrs, tt.want)
			}
			email := page.MustTestID(t, "signin-email")
			if email.Attrs["aria-invalid"] != "true" || email.Attrs["aria-describedby"] != msg.Attrs["id"] {
				t.Errorf("email field not tied to the error: %v", email.Attrs)
			}
		})
	}
}

func TestSignInAsksForCode(t *testing.T) {
	c := &Page{}
	c.fail(uitest.APIError(401, api.CodeTOTPRequired))
	page := uitest.Render(t, c)
	if page.ByTestID("signin-error") != nil {
		t.Error("asking for a code is shown as an error")
	}
	code := page.MustTestID(t, "signin-code")
	if code.Attrs["autocomplete"] != "one-time-code" || code.Attrs["inputmode"] != "numeric" {
		t.Errorf("code field attributes %v", code.Attrs)
	}

	// A second refusal means the code itself was wrong.
	c.fail(uitest.APIError(401, api.CodeTOTPRequired))
	page = uitest.Render(t, c)
	if got := page.MustTestID(t, "signin-error").Text(); got != "That code did not work. Enter the current code from your authenticator app." {
		t.Errorf("error = %q", got)
	}
	page.MustTestID(t, "signin-code")
}

func TestSignInSubmit(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		uitest.Use(t, &uitest.Fake{LoginErr: uitest.APIError(401, api.CodeInvalidCredentials)})
		e, ctx, p := uitest.Context(t)
		c := &Page{email: "grace@clinic.example", password: "nope"}
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
		uitest.Use(t, &uitest.Fake{})
		e, ctx, p := uitest.Context(t)
		ctx.SetState(session.StateMe, uitest.SampleMe())
		(&Page{email: "grace@clinic.example", password: "right"}).submit(ctx)
		e.ConsumeAll()
		if p.Mounted() {
			t.Error("did not leave the sign-in page")
		}
		var me api.Me
		ctx.GetState(session.StateMe, &me)
		if me.User.ID != "" {
			t.Error("the previous person's api.Me survived the sign-in")
		}
	})
}
