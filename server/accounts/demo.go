package accounts

import (
	"context"
	"crypto/rand"

	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
)

// Demo names the account created on an empty store.
type Demo struct {
	Email    string
	Password string
	// Generated is true when Password was made up here and must be shown.
	Generated bool
}

const (
	demoAccount = "Demo Clinic"
	demoOwner   = "Demo Owner"
	demoEmail   = "owner@demo.clinic"
)

// EnsureDemo creates the demo account when the store holds no account at
// all, and reports whether it did. email and pw name its first user; empty,
// a demo address and a generated password are used.
func EnsureDemo(ctx context.Context, st *store.Store, salts password.Salts, presetKey, email, pw string) (*Demo, error) {
	exists, err := st.Accounts.Any(ctx)
	if err != nil || exists {
		return nil, err
	}
	d := &Demo{Email: email, Password: pw}
	if d.Email == "" {
		d.Email = demoEmail
	}
	if d.Password == "" {
		d.Password, d.Generated = rand.Text(), true
	}
	_, _, err = Create(ctx, st, New{Name: demoAccount, OwnerName: demoOwner, Email: d.Email, Password: d.Password, Preset: presetKey, Salts: salts})
	if err != nil {
		return nil, err
	}
	return d, nil
}
