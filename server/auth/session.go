package auth

import (
	"context"
	"time"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Principal is who a request acts as, read fresh from the store on every
// request so that a change of role, status or grants applies at once.
type Principal struct {
	Session *store.Session
	Account *store.Account
	Member  store.Member
	// Role is the member's role; zero when they have none.
	Role role.Role
	// Subject answers what the principal may do.
	Subject *perm.Subject
	// TwoFactor is where the user stands with the 2FA policy.
	TwoFactor api.TwoFactorStatus
}

// Permissions lists what the principal may do in their account.
func (p *Principal) Permissions() []string {
	return p.Subject.IDs()
}

// Can reports whether the principal holds the permission.
func (p *Principal) Can(permission string) bool {
	return p.Subject.Can(permission)
}

// Authenticate resolves a cookie token into its principal. Expired sessions,
// and sessions of users no longer active, are ended here.
func (s *Service) Authenticate(ctx context.Context, token string) (*Principal, error) {
	if token == "" {
		return nil, ErrUnauthenticated
	}
	sess, err := s.st.Sessions.Get(ctx, sessionID(token))
	if err == store.ErrNotFound {
		return nil, ErrUnauthenticated
	} else if err != nil {
		return nil, err
	}
	now := s.cfg.Now().UTC()
	if !now.Before(sess.IdleUntil) || !now.Before(sess.AbsoluteUntil) {
		return nil, s.end(ctx, sess.ID)
	}
	acct, err := s.st.Accounts.Get(ctx, sess.AccountID)
	if err == store.ErrNotFound {
		return nil, s.end(ctx, sess.ID)
	} else if err != nil {
		return nil, err
	}
	m, ok := acct.Members[sess.UserID]
	if !ok || m.Status != rules.StatusActive {
		return nil, s.end(ctx, sess.ID)
	}
	if now.Sub(sess.LastSeen) >= s.cfg.TouchEvery {
		idle, _ := lifetimes(s.cfg, acct)
		sess.LastSeen, sess.IdleUntil = now, now.Add(idle)
		if err := s.st.Sessions.Touch(ctx, sess.ID, sess.LastSeen, sess.IdleUntil); err != nil {
			return nil, err
		}
	}
	r, _ := acct.Role(m.RoleID)
	return &Principal{Session: sess, Account: acct, Member: m, Role: r, Subject: acct.Subject(m), TwoFactor: twoFactor(acct, m, now)}, nil
}

// twoFactor tells whether the policy requires 2FA of the member and, if
// they have not enrolled, until when they may still work without it.
func twoFactor(a *store.Account, m store.Member, now time.Time) api.TwoFactorStatus {
	st := api.TwoFactorStatus{Enabled: m.TOTP, Required: a.Policy.TwoFactor.Requires(m.RoleID)}
	if st.Required && !st.Enabled {
		by := a.Policy.TwoFactor.Deadline()
		st.EnrollBy = &by
		st.MustEnroll = !now.Before(by)
	}
	return st
}

// end deletes a session that may no longer be used and reports the request
// as unauthenticated.
func (s *Service) end(ctx context.Context, id string) error {
	if err := s.st.Sessions.Delete(ctx, id); err != nil {
		return err
	}
	return ErrUnauthenticated
}

// Logout ends the session of this token.
func (s *Service) Logout(ctx context.Context, token string) error {
	return s.st.Sessions.Delete(ctx, sessionID(token))
}

// Sweep deletes expired sessions and closed throttle windows; the store has
// no TTL indexes to do it.
func (s *Service) Sweep(ctx context.Context) error {
	now := s.cfg.Now().UTC()
	if _, err := s.st.Sessions.DeleteExpired(ctx, now); err != nil {
		return err
	}
	return s.st.Throttles.DeleteExpired(ctx, now)
}
