package auth

import (
	"context"
	"time"

	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Principal is who a request acts as, read fresh from the store on every
// request so that a change of role, status or grants applies at once.
type Principal struct {
	Session *store.Session
	Account *tenant.Account
	Member  tenant.Member
	// Role is the member's role; zero when they have none.
	Role role.Role
	// Subject answers what the principal may do.
	Subject *perm.Subject
	// TwoFactor is where the user stands with the 2FA policy.
	TwoFactor TwoFactor
}

// Actor is the principal as the rules judge them.
func (p *Principal) Actor() rules.Actor {
	return rules.Actor{RoleID: p.Member.RoleID, Subject: p.Subject, SuperAdminRole: p.Account.SuperAdminRole()}
}

// TwoFactor is where a member stands with the account's 2FA policy.
type TwoFactor struct {
	Enabled bool
	// Required by the policy of this member.
	Required bool
	// EnrollBy is the end of the grace period, when required and not enabled.
	EnrollBy *time.Time
	// MustEnroll: the grace period is over; nothing but enrolment is allowed.
	MustEnroll bool
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
// requests (Accounts.Current), and where nothing counts the sign-outs (see
// Sessions.Ends) one lookup of the session by _id: sessions are kept in
// memory, a "sign out everywhere" is a change of the account, and a single
// sign-out is the session's document going.
func (s *Service) Authenticate(ctx context.Context, token string) (*Principal, error) {
	if token == "" {
		return nil, ErrUnauthenticated
	}
	id := sessionID(token)
	// The count of sign-outs before the session is confirmed, which the
	// copy touched below is confirmed at.
	ends, counted := s.st.Sessions.Ends()
	sess, err := s.session(ctx, id, ends, counted)
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
	if !acct.SessionValid(sess.UserID, sess.Epoch) {
		// Kept through a "sign out everywhere else" on another server, its
		// stored epoch is newer than the one in memory: ask the store.
		if sess, err = s.reload(ctx, id); err != nil {
			return nil, err
		}
		if !acct.SessionValid(sess.UserID, sess.Epoch) {
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
		s.sessions.put(sess, ends, counted)
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

// session returns a session from memory while no sign-out can have
// happened since it was found in the store; else it confirms by _id that
// the session is still there (or reads it, the first time). n is the
// store's count of sign-outs before the call (see Sessions.Ends).
func (s *Service) session(ctx context.Context, id string, n uint64, counted bool) (*store.Session, error) {
	c, ok := s.sessions.get(id)
	if !ok {
		return s.reload(ctx, id)
	}
	if counted && c.counted && c.ends == n {
		return c.s, nil
	}
	live, err := s.st.Sessions.Live(ctx, id)
	if err != nil {
		return nil, err
	}
	if !live {
		s.sessions.drop(id)
		return nil, ErrUnauthenticated
	}
	s.sessions.put(c.s, n, counted)
	return c.s, nil
}

func (s *Service) reload(ctx context.Context, id string) (*store.Session, error) {
	n, counted := s.st.Sessions.Ends()
	sess, err := s.st.Sessions.Get(ctx, id)
	if err == store.ErrNotFound {
		s.sessions.drop(id)
		return nil, ErrUnauthenticated
	} else if err != nil {
		return nil, err
	}
	s.sessions.put(sess, n, counted)
	return sess, nil
}

// twoFactor tells whether the policy requires 2FA of the member and, if
// they have not enrolled, until when they may still work without it.
func twoFactor(a *tenant.Account, m tenant.Member, now time.Time) TwoFactor {
	st := TwoFactor{Enabled: m.TOTP, Required: a.Policy.TwoFactor.Requires(m.RoleID)}
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

// EndSession signs one session out: its document goes, which every server
// sees on the session's next request (see session). The account is not
// written.
func (s *Service) EndSession(ctx context.Context, sess *store.Session) error {
	err := s.st.Sessions.Delete(ctx, sess.ID)
	s.sessions.drop(sess.ID)
	return err
}

// EndUserSessions signs a user out everywhere, or everywhere but the
// session keep: one change of the account moves the user's session epoch
// on, and keep, moved to the new epoch first, outlives it. The sessions
// the epoch ended are then deleted; should that fail, they are refused
// anyway, and swept at their deadline.
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
	a, err = s.st.Accounts.Update(ctx, accountID, func(a *tenant.Account) error {
		m, ok := a.Members[userID]
		if !ok {
			return nil
		}
		// Should another end have moved the epoch meanwhile, keep ends too:
		// of two such requests, the stricter wins.
		m.SessionEpoch = max(m.SessionEpoch+1, next)
		a.Members[userID] = m
		return nil
	})
	if err != nil {
		return err
	}
	return s.DeleteEnded(ctx, userID, a.Members[userID].SessionEpoch)
}

// DeleteEnded deletes a user's sessions opened before epoch, which the
// account refuses already: a session opened since is left alone.
func (s *Service) DeleteEnded(ctx context.Context, userID string, epoch int64) error {
	all, err := s.st.Sessions.OfUser(ctx, userID)
	if err != nil {
		return err
	}
	var ended []string
	for _, sess := range all {
		if sess.Epoch < epoch {
			ended = append(ended, sess.ID)
			s.sessions.drop(sess.ID)
		}
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
