package auth

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/rules"
)

// Attempt is one sign-in.
type Attempt struct {
	Email    string
	Password string
	// Code or RecoveryCode is the second factor, when the user has 2FA on.
	Code         string
	RecoveryCode string
	IP           string
	UserAgent    string
}

// SecondFactor checks a sign-in's one-time code or recovery code; a wrong,
// stale or reused one is ErrSecondFactor.
type SecondFactor interface {
	Verify(ctx context.Context, u *store.User, code, recovery string) error
}

// UseSecondFactor sets the checker of second factors.
func (s *Service) UseSecondFactor(sf SecondFactor) { s.second = sf }

// Result is a successful sign-in: the cookie token (never stored) and the
// session it opened.
type Result struct {
	Token   string
	Session *store.Session
	User    *store.User
	Account *store.Account
}

// NormalizeEmail is how emails are compared and stored.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// Login checks the credentials and opens a new session. Every failure,
// whatever its cause, is ErrInvalidCredentials; ErrThrottled once the email
// or the IP has failed too often.
func (s *Service) Login(ctx context.Context, a Attempt) (*Result, error) {
	email := NormalizeEmail(a.Email)
	emailKey, ipKey := "email:"+sessionID(email), "ip:"+a.IP
	// A turn at hashing first: a sign-in the server is too busy to check
	// costs the store nothing and is no failed attempt (password.ErrBusy).
	turn, err := password.Admit()
	if err != nil {
		return nil, err
	}
	defer turn.Done()
	if err := s.checkThrottle(ctx, emailKey, ipKey); err != nil {
		return nil, err
	}
	user, acct, err := s.match(ctx, turn, email, a.Password)
	turn.Done()
	if err != nil {
		return nil, err
	}
	if user == nil {
		if err := s.fail(ctx, emailKey, ipKey); err != nil {
			return nil, err
		}
		return nil, ErrInvalidCredentials
	}
	if user.TOTPSecret != "" {
		if a.Code == "" && a.RecoveryCode == "" {
			return nil, ErrTOTPRequired
		}
		// A wrong code counts as a failed attempt, like a wrong password.
		if err := s.second.Verify(ctx, user, a.Code, a.RecoveryCode); errors.Is(err, ErrSecondFactor) {
			if err := s.fail(ctx, emailKey, ipKey); err != nil {
				return nil, err
			}
			return nil, ErrSecondFactor
		} else if err != nil {
			return nil, err
		}
	}
	if err := s.st.Throttles.Reset(ctx, emailKey); err != nil {
		return nil, err
	}
	return s.Open(ctx, user, acct, a)
}

// match returns the active user whose password this is, or nil. It checks a
// password hash in every case, so timing does not tell whether the email exists.
func (s *Service) match(ctx context.Context, turn *password.Turn, email, pw string) (*store.User, *store.Account, error) {
	candidates, err := s.st.Users.ByEmail(ctx, email)
	if err != nil {
		return nil, nil, err
	}
	if len(candidates) == 0 {
		_, _ = turn.Verify(pw, s.decoy)
		return nil, nil, nil
	}
	for i := range candidates {
		u := &candidates[i]
		if ok, _ := turn.Verify(pw, u.PasswordHash); !ok {
			continue
		}
		acct, err := s.st.Accounts.Get(ctx, u.AccountID)
		if err == store.ErrNotFound {
			continue // a user document left behind by an interrupted create
		} else if err != nil {
			return nil, nil, err
		}
		if m, ok := acct.Members[u.ID]; ok && m.Status == rules.StatusActive {
			return u, acct, nil
		}
	}
	return nil, nil, nil
}

func (s *Service) checkThrottle(ctx context.Context, emailKey, ipKey string) error {
	now := s.cfg.Now()
	n, err := s.st.Throttles.Count(ctx, emailKey, now)
	if err != nil {
		return err
	}
	if n >= s.cfg.EmailFailures {
		return ErrThrottled
	}
	if n, err = s.st.Throttles.Count(ctx, ipKey, now); err != nil {
		return err
	}
	if n >= s.cfg.IPFailures {
		return ErrThrottled
	}
	return nil
}

func (s *Service) fail(ctx context.Context, keys ...string) error {
	for _, k := range keys {
		if _, err := s.st.Throttles.Fail(ctx, k, s.cfg.Now(), s.cfg.FailureWindow); err != nil {
			return err
		}
	}
	return nil
}

// Open starts a session with a fresh id: a sign-in never reuses a session.
// The sign-in is noted in the account (the member's last sign-in), which
// also gives the session the member's current epoch.
func (s *Service) Open(ctx context.Context, u *store.User, acct *store.Account, a Attempt) (*Result, error) {
	now := s.cfg.Now().UTC()
	idle, absolute := lifetimes(s.cfg, acct)
	token := randomToken()
	acct, err := s.st.Accounts.Update(ctx, acct.ID, func(acct *store.Account) error {
		m, ok := acct.Members[u.ID]
		if !ok || m.Status != rules.StatusActive {
			return ErrInvalidCredentials
		}
		m.LastLoginAt = &now
		sessions := map[string]time.Time{sessionID(token): now.Add(absolute)}
		for id, until := range m.Sessions {
			if now.Before(until) {
				sessions[id] = until
			}
		}
		m.Sessions = sessions
		acct.Members[u.ID] = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	sess := &store.Session{
		ID:            sessionID(token),
		AccountID:     acct.ID,
		UserID:        u.ID,
		CSRF:          randomToken(),
		CreatedAt:     now,
		LastSeen:      now,
		IdleUntil:     now.Add(idle),
		AbsoluteUntil: now.Add(absolute),
		IP:            a.IP,
		UserAgent:     truncate(a.UserAgent, 256),
		Epoch:         acct.Members[u.ID].SessionEpoch,
	}
	if err := s.st.Sessions.Insert(ctx, sess); err != nil {
		return nil, err
	}
	return &Result{Token: token, Session: sess, User: u, Account: acct}, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
