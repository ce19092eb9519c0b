package auth

import (
	"context"
	"time"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
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
// and sessions of users no longer active, are ended here. In the steady
// state it costs one store lookup per account per round of concurrent
// requests (Accounts.Current): sessions are kept in memory, and whatever
// ends one is a change of its account.
func (s *Service) Authenticate(ctx context.Context, token string) (*Principal, error) {
	if token == "" {
		return nil, ErrUnauthenticated
	}
	id := sessionID(token)
	sess, err := s.session(ctx, id)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Now().UTC()
	if !now.Before(sess.IdleUntil) || !now.Before(sess.AbsoluteUntil) {
		// Another server may have moved the idle deadline on: ask the store.
		if sess, err = s.reload(ctx, id); err != nil {
			return nil, err
		}
		if !now.Before(sess.IdleUntil) || !now.Before(sess.AbsoluteUntil) {
			return nil, s.end(ctx, id)
		}
	}
	acct, err := s.st.Accounts.Current(ctx, sess.AccountID)
	if err == store.ErrNotFound {
		return nil, s.end(ctx, id)
	} else if err != nil {
		return nil, err
	}
	if !acct.SessionValid(sess) {
		// Kept through a "sign out everywhere else" on another server, its
		// stored epoch is newer than the one in memory: ask the store.
		if sess, err = s.reload(ctx, id); err != nil {
			return nil, err
		}
		if !acct.SessionValid(sess) {
			return nil, s.end(ctx, id)
		}
	}
	m := acct.Members[sess.UserID]
	if idle, _ := lifetimes(s.cfg, acct); now.Sub(sess.LastSeen) >= touchEvery(s.cfg.TouchEvery, idle) {
		touched := *sess
		touched.LastSeen, touched.IdleUntil = now, now.Add(idle)
		if err := s.st.Sessions.Touch(ctx, id, touched.LastSeen, touched.IdleUntil); err != nil {
			return nil, err
		}
		sess = &touched
		s.sessions.put(sess)
	}
	r, _ := acct.Role(m.RoleID)
	return &Principal{Session: sess, Account: acct, Member: m, Role: r, Subject: s.subjects.get(acct, sess.UserID), TwoFactor: twoFactor(acct, m, now)}, nil
}

// touchEvery is how long after its last write a session in use has its
// idle deadline moved on: at most every, and at most a quarter of the idle
// timeout, so that a session used more often than its timeout never ends,
// and one left alone ends no sooner than three quarters of it after.
func touchEvery(every, idle time.Duration) time.Duration {
	return min(every, idle/4)
}

// session returns a session from memory, or from the store the first time.
func (s *Service) session(ctx context.Context, id string) (*store.Session, error) {
	if sess := s.sessions.get(id); sess != nil {
		return sess, nil
	}
	return s.reload(ctx, id)
}

func (s *Service) reload(ctx context.Context, id string) (*store.Session, error) {
	sess, err := s.st.Sessions.Get(ctx, id)
	if err == store.ErrNotFound {
		s.sessions.drop(id)
		return nil, ErrUnauthenticated
	} else if err != nil {
		return nil, err
	}
	s.sessions.put(sess)
	return sess, nil
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
	s.sessions.drop(id)
	if err := s.st.Sessions.Delete(ctx, id); err != nil {
		return err
	}
	return ErrUnauthenticated
}

// Logout ends the session of this token.
func (s *Service) Logout(ctx context.Context, token string) error {
	sess, err := s.st.Sessions.Get(ctx, sessionID(token))
	if err == store.ErrNotFound {
		return nil
	} else if err != nil {
		return err
	}
	return s.EndSession(ctx, sess)
}

// EndSession signs one session out. It is recorded in the account first,
// so that every server stops taking it at once, then deleted.
func (s *Service) EndSession(ctx context.Context, sess *store.Session) error {
	now := s.cfg.Now().UTC()
	_, err := s.st.Accounts.Update(ctx, sess.AccountID, func(a *store.Account) error {
		if a.EndedSessions == nil {
			a.EndedSessions = map[string]time.Time{}
		}
		// Past its absolute deadline a session is refused anyway.
		for id, until := range a.EndedSessions {
			if !now.Before(until) {
				delete(a.EndedSessions, id)
			}
		}
		a.EndedSessions[sess.ID] = sess.AbsoluteUntil
		if m, ok := a.Members[sess.UserID]; ok {
			delete(m.Sessions, sess.ID)
			a.Members[sess.UserID] = m
		}
		return nil
	})
	if err != nil && err != store.ErrNotFound {
		return err
	}
	s.sessions.drop(sess.ID)
	return s.st.Sessions.Delete(ctx, sess.ID)
}

// EndUserSessions signs a user out everywhere, or everywhere but the
// session keep: one change of the account moves the user's session epoch
// on, and keep, moved to the new epoch first, outlives it.
func (s *Service) EndUserSessions(ctx context.Context, accountID, userID, keep string) error {
	a, err := s.st.Accounts.Get(ctx, accountID)
	if err != nil {
		return err
	}
	next := a.Members[userID].SessionEpoch + 1
	if keep != "" {
		if err := s.st.Sessions.SetEpoch(ctx, keep, next); err != nil {
			return err
		}
		s.sessions.drop(keep)
	}
	var ended []string
	_, err = s.st.Accounts.Update(ctx, accountID, func(a *store.Account) error {
		m, ok := a.Members[userID]
		if !ok {
			return nil
		}
		// Should another end have moved the epoch meanwhile, keep ends too:
		// of two such requests, the stricter wins.
		m.SessionEpoch = max(m.SessionEpoch+1, next)
		ended = m.SessionIDs(keep)
		for _, id := range ended {
			delete(m.Sessions, id)
		}
		a.Members[userID] = m
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ended {
		s.sessions.drop(id)
	}
	return s.st.Sessions.DeleteAll(ctx, ended)
}

// Sweep deletes expired sessions and closed throttle windows; the store has
// no TTL indexes to do it. It also drops what this server keeps in memory
// of sessions and accounts no longer in use.
func (s *Service) Sweep(ctx context.Context) error {
	now := s.cfg.Now().UTC()
	s.sessions.sweep(now)
	s.subjects.reset()
	s.st.Accounts.Forget()
	if _, err := s.st.Sessions.DeleteExpired(ctx, now); err != nil {
		return err
	}
	return s.st.Throttles.DeleteExpired(ctx, now)
}
