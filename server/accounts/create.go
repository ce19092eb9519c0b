// Package accounts creates accounts from a preset, with their first user.
package accounts

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/preset"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// New describes an account to create and its first user, who holds the
// preset's top role.
type New struct {
	Name      string
	Plan      string
	Preset    string
	OwnerName string
	Email     string
	Password  string
	// PasswordHash, when set, is the first user's credential as it is
	// elsewhere (someone who signs in to the console already keeps their
	// password), and Password is not used.
	PasswordHash string
	// Modules, when set, are the optional modules the account has on
	// instead of its preset's.
	Modules []string
	// Salts hash the password as every server of the installation does.
	Salts password.Salts
}

// ErrInvalid wraps every reason a New is refused.
var ErrInvalid = errors.New("invalid account")

// NewID returns a random 96-bit id, hex-encoded.
func NewID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Create stores the account and its first user. The user document is
// written first: if the process dies in between, it is an orphan that no
// account lists, which sign-in ignores.
func Create(ctx context.Context, st *store.Store, n New) (*tenant.Account, *store.User, error) {
	if n.Plan == "" {
		n.Plan = plan.Default
	}
	if n.Preset == "" {
		n.Preset = preset.Default
	}
	p, err := check(n)
	if err != nil {
		return nil, nil, err
	}
	modules := append([]string{}, p.Modules...)
	if n.Modules != nil {
		var no *rules.Refusal
		if modules, no = rules.ValidModules(n.Modules); no != nil {
			return nil, nil, fmt.Errorf("%w: modules: %s", ErrInvalid, no.Fields["modules"])
		}
	}
	hash := n.PasswordHash
	if hash == "" {
		if hash, err = n.Salts.Hash(auth.NormalizeEmail(n.Email), n.Password); err != nil {
			return nil, nil, err
		}
	}
	now := time.Now().UTC()
	top := p.Top()
	u := &store.User{
		ID:           NewID(),
		AccountID:    NewID(),
		Email:        auth.NormalizeEmail(n.Email),
		PasswordHash: hash,
		CreatedAt:    now,
	}
	a := &tenant.Account{
		ID:      u.AccountID,
		Name:    strings.TrimSpace(n.Name),
		Plan:    n.Plan,
		Preset:  p.Key,
		Policy:  p.Policy,
		Modules: modules,
		Roles:   cloneRoles(p.Roles),
		Members: map[string]tenant.Member{u.ID: {
			Name: strings.TrimSpace(n.OwnerName), Email: u.Email, CreatedAt: now,
			RoleID: top.ID, Status: rules.StatusActive,
		}},
		Revision:  1,
		CreatedAt: now,
	}
	if err := st.Users.Insert(ctx, u); err != nil {
		return nil, nil, err
	}
	if err := st.Accounts.Insert(ctx, a); err != nil {
		return nil, nil, err
	}
	return a, u, nil
}

func check(n New) (preset.Preset, error) {
	p, ok := preset.Lookup(n.Preset)
	if !ok {
		return p, fmt.Errorf("%w: unknown preset %q", ErrInvalid, n.Preset)
	}
	if _, ok := plan.Lookup(n.Plan); !ok {
		return p, fmt.Errorf("%w: unknown plan %q", ErrInvalid, n.Plan)
	}
	if strings.TrimSpace(n.Name) == "" || len(n.Name) > 200 {
		return p, fmt.Errorf("%w: the account needs a name of at most 200 characters", ErrInvalid)
	}
	if strings.TrimSpace(n.OwnerName) == "" || len(n.OwnerName) > 200 {
		return p, fmt.Errorf("%w: the first user needs a name of at most 200 characters", ErrInvalid)
	}
	if addr, err := mail.ParseAddress(n.Email); err != nil || addr.Address != strings.TrimSpace(n.Email) {
		return p, fmt.Errorf("%w: %q is not an email address", ErrInvalid, n.Email)
	}
	pc := password.Context{MinLength: account.DefaultPasswordMinLength, Name: n.OwnerName, Email: n.Email, Account: n.Name}
	if n.PasswordHash != "" {
		return p, nil
	}
	if err := password.Acceptable(n.Password, pc); err != nil {
		return p, fmt.Errorf("%w: password %v", ErrInvalid, err)
	}
	return p, nil
}

// cloneRoles copies the preset's roles, so no account shares slices with it.
func cloneRoles(rs []role.Role) []role.Role {
	out := make([]role.Role, len(rs))
	for i, r := range rs {
		r.Permissions = append([]string(nil), r.Permissions...)
		out[i] = r
	}
	return out
}
