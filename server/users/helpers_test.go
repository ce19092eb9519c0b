package users_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/mail"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/users"
)

// service is the users service of the tenant, its mail kept in the store's
// outbox.
func service(t *testing.T, tn *servertest.Tenant) *users.Service {
	t.Helper()
	sender, err := mail.New("", tn.Store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return users.New(tn.Store, tn.Auth, sender, users.Config{PublicURL: "https://console.example"})
}

// unchanged fails the test when the account's revision moved: a refused
// change writes nothing.
func unchanged(t *testing.T, tn *servertest.Tenant, before int64) {
	t.Helper()
	if after := tn.Account(t).Revision; after != before {
		t.Errorf("a refused change moved the revision %d -> %d", before, after)
	}
}

// signsIn reports whether the email signs in with the password.
func signsIn(t *testing.T, tn *servertest.Tenant, email, pw string) bool {
	t.Helper()
	_, err := tn.Auth.Login(context.Background(), auth.Attempt{Email: email, Password: pw, IP: "192.0.2.9"})
	if err != nil && !errors.Is(err, auth.ErrInvalidCredentials) {
		t.Fatal(err)
	}
	return err == nil
}
