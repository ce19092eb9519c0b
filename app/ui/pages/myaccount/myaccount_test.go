package myaccount

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
)

func sampleSessions() []api.Session {
	at := time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)
	return []api.Session{
		{ID: "s1", IP: "10.0.0.1", Device: "Chrome on Linux", CreatedAt: at, LastSeen: at.Add(time.Hour), Current: true},
		{ID: "s2", IP: "10.0.0.2", Device: "Safari on iPad", CreatedAt: at.Add(-24 * time.Hour), LastSeen: at},
	}
}

func loadMe(t *testing.T, f *uitest.Fake, me api.Me) (*Page, app.TestEngine, app.Context, *uitest.Probe) {
	t.Helper()
	if f.SessionItems == nil {
		f.SessionItems = sampleSessions()
	}
	f.MeData = me
	uitest.Use(t, f)
	e, ctx, p := uitest.Context(t)
	c := &Page{Me: me}
	c.OnMount(ctx)
	e.ConsumeAll()
	return c, e, ctx, p
}

var tenCodes = []string{"aaaa-bbbb-cccc", "b", "c", "d", "e", "f", "g", "h", "i", "j"}

func TestMyAccountEnrolment(t *testing.T) {
	f := &uitest.Fake{Enrollment: api.TOTPEnrollment{Secret: "JBSWY3DPEHPK3PXP", OTPAuthURL: "otpauth://totp/x", QRPNG: "iVBORw0KGgo="}, Codes: tenCodes}
	c, e, ctx, _ := loadMe(t, f, uitest.MeAs("admin"))
	page := uitest.Render(t, c)
	page.MustTestID(t, "page-me")
	if got := page.MustTestID(t, "totp-status").Text(); !strings.HasPrefix(got, "Off") {
		t.Errorf("status %q", got)
	}
	page.MustTestID(t, "totp-start")
	if page.ByTestID("totp-disable") != nil {
		t.Error("turn-off offered while off")
	}

	c.startEnrolment(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	qr := page.MustTestID(t, "totp-qr")
	if qr.Tag != "img" || qr.Attrs["src"] != "data:image/png;base64,iVBORw0KGgo=" || qr.Attrs["alt"] == "" {
		t.Errorf("qr %s %v", qr.Tag, qr.Attrs)
	}
	if got := page.MustTestID(t, "totp-secret").Text(); got != "JBSWY3DPEHPK3PXP" {
		t.Errorf("secret %q", got)
	}
	code := page.MustTestID(t, "totp-code")
	if code.Attrs["inputmode"] != "numeric" || code.Attrs["autocomplete"] != "one-time-code" {
		t.Errorf("code field %v", code.Attrs)
	}
	if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == "totp-code" }); len(labels) != 1 {
		t.Error("code field unlabelled")
	}

	// Not six digits: said on the field, not sent.
	c.tf.code = "12a"
	c.confirmCode(ctx)
	if got := uitest.Render(t, c).MustTestID(t, "totp-code-error").Text(); got != "Enter the 6 digits your authenticator app shows." {
		t.Errorf("error %q", got)
	}
	// A wrong code: the server's words, on the field.
	c.tf.code = "123 456"
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Message: "That code does not match; check the time on your device and enter the current code.", Fields: map[string]string{"code": "Wrong code."}}}
	c.confirmCode(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "totp-code-error").Text(); !strings.HasPrefix(got, "That code does not match") {
		t.Errorf("error %q", got)
	}

	c.confirmCode(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if want := []string{"enroll", "confirm 123456", "confirm 123456"}; !slices.Equal(f.Logged(), want) {
		t.Errorf("calls %v", f.Logged())
	}
	codes := page.MustTestID(t, "totp-recovery-codes").All(func(e *uitest.Node) bool { return e.Tag == "li" })
	if len(codes) != 10 || codes[0].Text() != "aaaa-bbbb-cccc" {
		t.Errorf("codes %v", codes)
	}
	dl := page.MustTestID(t, "totp-download")
	if !strings.HasPrefix(dl.Attrs["href"], "data:text/plain;charset=utf-8,") || !strings.Contains(dl.Attrs["href"], "aaaa-bbbb-cccc") || dl.Attrs["download"] != "recovery-codes.txt" {
		t.Errorf("download %v", dl.Attrs)
	}
	if page.ByTestID("totp-qr") != nil {
		t.Error("the QR code outlives enrolment")
	}
	// The shell learns at once that 2FA is on.
	var shared api.Me
	ctx.GetState(session.StateMe, &shared)
	if !shared.TwoFactor.Enabled {
		t.Error("api.Me not refreshed after enrolment")
	}
	// The codes stay until the person says they saved them.
	c.Me = shared
	page = uitest.Render(t, c)
	page.MustTestID(t, "totp-recovery-codes")
	c.codesSaved(ctx)
	e.ConsumeAll()
	page = uitest.Render(t, c)
	if page.ByTestID("totp-recovery-codes") != nil {
		t.Error("codes still shown")
	}
	page.MustTestID(t, "totp-disable")
	page.MustTestID(t, "totp-disable-password")
	page.MustTestID(t, "totp-disable-code")
}

func TestMyAccountTurnOff(t *testing.T) {
	me := uitest.MeAs("admin")
	me.TwoFactor.Enabled = true
	f := &uitest.Fake{}
	c, e, ctx, _ := loadMe(t, f, me)
	c.turnOff(ctx)
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "totp-disable-password-error").Text(); got == "" {
		t.Error("no password asked for")
	}
	if got := page.MustTestID(t, "totp-disable-code-error").Text(); got != "Enter the code from your authenticator app, or a recovery code." {
		t.Errorf("code asked for with %q", got)
	}
	if labels := page.All(func(e *uitest.Node) bool { return e.Tag == "label" && e.Attrs["for"] == "totp-disable-code" }); len(labels) != 1 || labels[0].Text() != "Code from your authenticator app, or a recovery code" {
		t.Errorf("code field labels %v", labels)
	}
	// A wrong code is said at the code field.
	c.tf.password, c.tf.offCode = "pw", "123 456"
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Message: "That code is wrong or was used already; enter the current code.", Fields: map[string]string{"code": "Wrong code."}}}
	c.turnOff(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "totp-disable-code-error").Text(); got != "That code is wrong or was used already; enter the current code." {
		t.Errorf("wrong code said as %q", got)
	}
	c.tf.offCode = "abcd-efgh"
	f.Refuse = uitest.RefusalError(api.CodeInvalidState, "This account requires two-factor sign-in of you; it cannot be turned off.")
	c.turnOff(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "totp-error").Text(); got != "This account requires two-factor sign-in of you; it cannot be turned off." {
		t.Errorf("refusal %q", got)
	}
	c.turnOff(ctx)
	e.ConsumeAll()
	if got := f.Logged(); !slices.Equal(got, []string{"disable-totp pw code=123456 recovery=", "disable-totp pw code= recovery=abcd-efgh", "disable-totp pw code= recovery=abcd-efgh"}) {
		t.Errorf("calls %v", got)
	}

	// Required by the policy: no way to turn it off, and why.
	me.TwoFactor.Required = true
	c.Me = me
	page = uitest.Render(t, c)
	if page.ByTestID("totp-disable") != nil {
		t.Error("turn-off offered while required")
	}
	page.MustTestID(t, "totp-required")
}

func TestMyAccountMustEnroll(t *testing.T) {
	me := uitest.MeAs("staff")
	me.TwoFactor = api.TwoFactorStatus{Required: true, MustEnroll: true}
	f := &uitest.Fake{}
	c, _, _, _ := loadMe(t, f, me)
	page := uitest.Render(t, c)
	page.MustTestID(t, "totp-start")
	for _, id := range []string{"me-name", "me-password-current", "sessions"} {
		if page.ByTestID(id) != nil {
			t.Errorf("%s shown while the server allows only enrolment", id)
		}
	}
	if !strings.Contains(page.Text(), "Set it up here to continue") {
		t.Errorf("no explanation: %q", page.Text())
	}
}

func TestMyAccountSessions(t *testing.T) {
	f := &uitest.Fake{}
	c, e, ctx, p := loadMe(t, f, uitest.MeAs("admin"))
	page := uitest.Render(t, c)
	if got := page.MustTestID(t, "sessions").TestIDs("session-"); !slices.Equal(got, []string{"session-s1", "session-end-s1", "session-s2", "session-end-s2"}) {
		t.Errorf("sessions %v", got)
	}
	s1 := page.MustTestID(t, "session-s1").Text()
	for _, want := range []string{"Chrome on Linux", "This device", "10.0.0.1", "Last seen"} {
		if !strings.Contains(s1, want) {
			t.Errorf("s1 lacks %q: %q", want, s1)
		}
	}
	if strings.Contains(page.MustTestID(t, "session-s2").Text(), "This device") {
		t.Error("s2 marked as this device")
	}
	c.endSession(ctx, c.sessions[1])
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "sessions").TestIDs("session-end-"); !slices.Equal(got, []string{"session-end-s1"}) {
		t.Errorf("after ending s2: %v", got)
	}
	if !p.Mounted() {
		t.Fatal("left the page after ending another session")
	}
	// Ending this one signs out, back to the sign-in page.
	c.endSession(ctx, c.sessions[0])
	e.ConsumeAll()
	if p.Mounted() {
		t.Error("still on the page after signing this device out")
	}
	if want := []string{"end-session s2", "end-session s1"}; !slices.Equal(f.Logged(), want) {
		t.Errorf("calls %v", f.Logged())
	}
}

func TestMyAccountPasswordAndName(t *testing.T) {
	f := &uitest.Fake{UserItems: uitest.SampleUsers()}
	c, e, ctx, _ := loadMe(t, f, uitest.MeAs("admin"))
	c.next = "short"
	c.savePassword(ctx)
	page := uitest.Render(t, c)
	if page.MustTestID(t, "me-password-current-error").Text() == "" || page.MustTestID(t, "me-password-new-error").Text() != "Use at least 8 characters." {
		t.Error("errors not shown")
	}
	c.current, c.next = "wrong", "a much longer one"
	f.Refuse = &client.Error{Status: 400, Body: api.ErrorBody{Code: api.CodeInvalidInput, Message: "The current password is wrong.", Fields: map[string]string{"current_password": "Wrong password."}}}
	c.savePassword(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "me-password-current-error").Text(); got != "Wrong password." {
		t.Errorf("current error %q", got)
	}
	c.current = "right"
	c.savePassword(ctx)
	e.ConsumeAll()
	if got := uitest.Render(t, c).MustTestID(t, "me-status").Text(); got != "Password changed. Your other sessions were signed out." {
		t.Errorf("status %q", got)
	}
	if c.current != "" || c.next != "" {
		t.Error("passwords left in the form")
	}

	c.name, c.nameEdit = "Ada Lovelace", true
	c.saveName(ctx)
	e.ConsumeAll()
	log := f.Logged()
	if log[len(log)-1] != "patch u-admin name=Ada Lovelace" {
		t.Errorf("calls %v", log)
	}
	if got := uitest.Render(t, c).MustTestID(t, "me-status").Text(); got != "Your name is now Ada Lovelace." {
		t.Errorf("status %q", got)
	}
}
