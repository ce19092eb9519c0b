package auth

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// Membership is an account the signed-in person may act in: the one of
// their session, and those their sign-in proved them in too.
type Membership struct {
	Account *tenant.Account
	UserID  string
	Current bool
}

// Accounts lists the accounts the session may act in, the current one
// first, then by name: each where the person is an active member now.
// Accounts the sign-in did not prove them in are never named.
func (s *Service) Accounts(ctx context.Context, p *Principal) ([]Membership, error) {
	out := []Membership{{Account: p.Account, UserID: p.Session.UserID, Current: true}}
	var others []Membership
	for _, id := range slices.Sorted(maps.Keys(p.Session.Reach)) {
		uid := p.Session.Reach[id]
		a, err := s.st.Accounts.Current(ctx, id)
		if err == store.ErrNotFound {
			continue
		} else if err != nil {
			return nil, err
		}
		if m, ok := a.Members[uid]; ok && m.Status == rules.StatusActive {
			others = append(others, Membership{Account: a, UserID: uid})
		}
	}
	slices.SortStableFunc(others, func(a, b Membership) int { return strings.Compare(a.Account.Name, b.Account.Name) })
	return append(out, others...), nil
}

// Switch moves the signed-in person to another account their sign-in
// proved them in, without a new sign-in but under that account's rules:
// its member must be active, the person's second factor is asked for
// (ErrTOTPRequired, or ErrSecondFactor for a wrong code) unless this
// session's sign-in took it, and its 2FA policy then holds the new session
// as every session of it. A new
// session opens there (with its own lifetimes, epoch and CSRF token) and
// this one ends. An account out of reach is store.ErrNotFound, as an id
// that does not exist.
func (s *Service) Switch(ctx context.Context, p *Principal, accountID string, a Attempt) (*Result, error) {
	userID, ok := p.Session.Reach[accountID]
	if !ok {
		return nil, store.ErrNotFound
	}
	acct, err := s.st.Accounts.Current(ctx, accountID)
	if err != nil {
		return nil, err
	}
	if m, ok := acct.Members[userID]; !ok || m.Status != rules.StatusActive {
		return nil, store.ErrNotFound
	}
	u, err := s.st.Users.Get(ctx, accountID, userID)
	if err != nil {
		return nil, err
	}
	// One second factor, asked once per sign-in: again only of a session
	// that began before the person turned it on.
	if u.TOTPSecret != "" && !p.Session.SecondFactor {
		if a.Code == "" && a.RecoveryCode == "" {
			return nil, ErrTOTPRequired
		}
		if err := s.second.Verify(ctx, u, a.Code, a.RecoveryCode); err != nil {
			return nil, err
		}
		a.SecondFactor = true
	}
	return s.Move(ctx, p, u, acct, a)
}

// Move goes on as u, the signed-in person's login of another account, in
// a new session there, and ends this one: the account they came from is
// in reach from the new session, to switch back to.
func (s *Service) Move(ctx context.Context, p *Principal, u *store.User, acct *tenant.Account, a Attempt) (*Result, error) {
	reach := maps.Clone(p.Session.Reach)
	if reach == nil {
		reach = map[string]string{}
	}
	delete(reach, acct.ID)
	reach[p.Account.ID] = p.Session.UserID
	a.SecondFactor = a.SecondFactor || p.Session.SecondFactor
	res, err := s.Open(ctx, u, acct, a, reach)
	if err != nil {
		return nil, err
	}
	return res, s.EndSession(ctx, p.Session)
}
