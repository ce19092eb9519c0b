package users

import (
	"context"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// Elsewhere reports whether the person with this email is a member of
// another account too (deleted members aside). Their credentials are
// then theirs, not this account's: its admins send them a reset link, end
// their sessions here or disable their login, but do not choose their
// password or remove their second factor.
func Elsewhere(ctx context.Context, st *store.Store, accountID, email string) (bool, error) {
	p, err := st.People.Get(ctx, email)
	if err == store.ErrNotFound {
		return false, nil
	} else if err != nil {
		return false, err
	}
	for _, m := range p.Order() {
		if m.AccountID == accountID {
			continue
		}
		a, err := st.Accounts.Current(ctx, m.AccountID)
		if err == store.ErrNotFound {
			continue
		} else if err != nil {
			return false, err
		}
		if mm, ok := a.Members[m.UserID]; ok && mm.Status != rules.StatusDeleted {
			return true, nil
		}
	}
	return false, nil
}

// CredentialsElsewhere is the refusal of an admin's change of the
// credentials of someone who belongs to another account too; what names
// what cannot be changed ("password", "second factor").
func CredentialsElsewhere(name, what, instead string) *rules.Refusal {
	return &rules.Refusal{Code: api.CodeInvalidState, Message: name + " signs in to other accounts too, so their " + what + " is theirs: " + instead}
}
