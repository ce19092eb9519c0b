package auth

import (
	"context"
	"errors"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
)

// errShown: the account shows the second factor as it is already.
var errShown = errors.New("second factor shown already")

// ShowSecondFactor makes an account show its login userID's second factor
// as on or off, and says so in its audit. A person has one second factor,
// asked for wherever they sign in; each account's policy, Users page and
// suggestions read it from its member. nil when nothing changed.
func (s *Service) ShowSecondFactor(ctx context.Context, accountID, userID string, on bool) (*tenant.Account, error) {
	now := s.cfg.Now().UTC()
	a, err := s.st.Accounts.Update(ctx, accountID, func(a *tenant.Account) error {
		m, ok := a.Members[userID]
		if !ok || m.TOTP == on {
			return errShown
		}
		m.TOTP = on
		a.Members[userID] = m
		action, summary := "user.totp_enable", m.Name+" turned on two-factor sign-in, signed in to another account"
		if !on {
			action, summary = "user.totp_disable", m.Name+" turned off two-factor sign-in, signed in to another account"
		}
		a.Record(tenant.AuditRecord{
			At: now, Action: action, Summary: summary,
			Actor:  tenant.AuditActor{ID: userID, Name: m.Name, Email: m.Email},
			Target: tenant.AuditTarget{Type: "user", ID: userID, Name: m.Name},
		})
		return nil
	})
	if errors.Is(err, errShown) || errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return a, err
}

// ShowSecondFactorEverywhere shows the person's second factor in each of
// their accounts but the one where they changed it. An account a failure
// leaves behind shows it at the person's next sign-in there (Open).
func (s *Service) ShowSecondFactorEverywhere(ctx context.Context, email, except string, on bool) error {
	p, err := s.st.People.Get(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	} else if err != nil {
		return err
	}
	for _, m := range p.Order() {
		if m.AccountID == except {
			continue
		}
		if _, err := s.ShowSecondFactor(ctx, m.AccountID, m.UserID, on); err != nil {
			return err
		}
	}
	return nil
}
