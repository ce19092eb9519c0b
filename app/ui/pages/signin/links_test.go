package signin

import (
	"strings"
	"testing"

	"github.com/rolesconsole/console/app/ui/uitest"
	"github.com/rolesconsole/console/shared/api"
)

func TestSignInLinksAndRecoveryCode(t *testing.T) {
	f := &uitest.Fake{LoginErr: uitest.APIError(401, api.CodeTOTPRequired)}
	uitest.Use(t, f)
	e, ctx, _ := uitest.Context(t)
	c := &Page{email: "ada@clinic.example", password: "pw"}
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "signin-forgot"); got.Attrs["href"] != "/forgot" || got.Text() != "Forgot password?" {
		t.Errorf("forgot link %v %q", got.Attrs, got.Text())
	}
	if page.ByTestID("signin-recovery-toggle") != nil {
		t.Error("recovery offered before a code is asked for")
	}
	c.submit(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	page.MustTestID(t, "signin-code")
	c.toggleRecovery(ctx)
	page = uitest.Render(t, c)
	if page.ByTestID("signin-code") != nil {
		t.Error("code field kept with the recovery code")
	}
	rec := page.MustTestID(t, "signin-recovery")
	if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == rec.Attrs["id"] }); len(labels) != 1 || labels[0].Text() != "Recovery code" {
		t.Errorf("labels %v", labels)
	}
	c.recovery = " k3f9-2xq7-mp4d "
	c.submit(ctx)
	e.ConsumeAll()
	last := f.Logins[len(f.Logins)-1]
	if last.RecoveryCode != "k3f9-2xq7-mp4d" || last.Code != "" {
		t.Errorf("sent %+v", last)
	}
	if got := uitest.Render(t, c).MustTestID(t, "signin-error").Text(); !strings.HasPrefix(got, "That recovery code did not work.") {
		t.Errorf("error %q", got)
	}
}

func TestSignInNoteAfterReset(t *testing.T) {
	c := &Page{note: "Your password is changed. Sign in with the new one."}
	if got := uitest.Render(t, c).MustTestID(t, "signin-note").Text(); got != c.note {
		t.Errorf("note %q", got)
	}
}
