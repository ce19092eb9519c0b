package users_test

import (
	"context"
	"errors"
	"testing"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

const newPassword = "a brand new passphrase"

// ResetPassword by an admin: the mode, the password rules and the takeover
// rule first; a password set signs in at once and ends the user's sessions.
func TestResetPassword(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "admin", "staff")
	svc := service(t, tn)
	ctx := context.Background()
	owner, admin, staff := tn.As["super_admin"].Session.UserID, tn.As["admin"].Session.UserID, tn.As["staff"].Session.UserID
	cases := []struct {
		name, who, id string
		in            api.ResetPassword
		code          string
	}{
		{"an unknown mode", "admin", staff, api.ResetPassword{Mode: "sms"}, api.CodeInvalidInput},
		{"a short password", "admin", staff, api.ResetPassword{Mode: "set", Password: "short"}, api.CodeInvalidInput},
		{"staff resets an admin", "staff", admin, api.ResetPassword{Mode: "email"}, api.CodeForbidden},
		{"an admin resets the super admin", "admin", owner, api.ResetPassword{Mode: "set", Password: newPassword}, api.CodeEscalation},
		{"no such user", "admin", "u-nobody", api.ResetPassword{Mode: "email"}, api.CodeNotFound},
		{"a link by email", "admin", staff, api.ResetPassword{Mode: "email"}, ""},
		{"a password set", "admin", staff, api.ResetPassword{Mode: "set", Password: newPassword}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := tn.Account(t).AuditCount
			err := svc.ResetPassword(ctx, tn.Fresh(t, c.who), c.id, c.in)
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("code %q (%v); want %q", got, err, c.code)
			}
			if recorded := tn.Account(t).AuditCount - before; recorded != map[bool]int64{true: 1, false: 0}[c.code == ""] {
				t.Errorf("%d audit records", recorded)
			}
		})
	}
	if !signsIn(t, tn, "staff@tenant.example", newPassword) || signsIn(t, tn, "staff@tenant.example", servertest.Password) {
		t.Error("the password set is not the one that signs in")
	}
	if _, err := tn.Auth.Authenticate(ctx, tn.Tokens["staff"]); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("the user's session outlived a password set by an admin: %v", err)
	}
}

// ChangeOwn needs the current password and a new one the rules accept;
// it keeps this session and ends the user's others.
func TestChangeOwn(t *testing.T) {
	tn := servertest.NewTenant(t, nil, "staff")
	svc := service(t, tn)
	ctx := context.Background()
	other, err := tn.Auth.Login(ctx, auth.Attempt{Email: "staff@tenant.example", Password: servertest.Password})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		in   api.ChangePassword
		code string
	}{
		{"a wrong current password", api.ChangePassword{CurrentPassword: "not it", NewPassword: newPassword}, api.CodeInvalidInput},
		{"a short new one", api.ChangePassword{CurrentPassword: servertest.Password, NewPassword: "short"}, api.CodeInvalidInput},
		{"the email as the new one", api.ChangePassword{CurrentPassword: servertest.Password, NewPassword: "staff@tenant.example"}, api.CodeInvalidInput},
		{"a good one", api.ChangePassword{CurrentPassword: servertest.Password, NewPassword: newPassword}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := svc.ChangeOwn(ctx, tn.Fresh(t, "staff"), c.in)
			if got := servertest.CodeOf(t, err); got != c.code {
				t.Fatalf("code %q (%v); want %q", got, err, c.code)
			}
		})
	}
	if !signsIn(t, tn, "staff@tenant.example", newPassword) {
		t.Error("the new password does not sign in")
	}
	tn.Fresh(t, "staff") // this session stays
	if _, err := tn.Auth.Authenticate(ctx, other.Token); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("the user's other session: %v", err)
	}
}
