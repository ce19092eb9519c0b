package auth

import (
	"context"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
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
	// Device is the browser's known-device cookie, if any.
	Device string
	// SecondFactor: the person's second factor was checked on the way to
	// the session this attempt opens.
	SecondFactor bool
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
	Account *tenant.Account
	// Device is the known-device cookie to keep in the browser.
	Device string
	// Accounts are those the sign-in opens, the one signed in to first.
	Accounts []Membership
}

// KeyOf names an email in throttles without holding it: the
// SHA-256 of its normal form.
func KeyOf(email string) string { return sessionID(NormalizeEmail(email)) }

// NormalizeEmail is how emails are compared and stored.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// Login checks the credentials and opens a new session. Every failure,
// whatever its cause, is ErrInvalidCredentials; a *Throttled error once the
// email or the IP has failed too often. The attempt claims its throttle
// slots before the password or code is checked, so concurrent guesses
// cannot outrun the limits, and an attempt the store fails on still counts.
func (s *Service) Login(ctx context.Context, a Attempt) (*Result, error) {
	email := NormalizeEmail(a.Email)
	// A turn at hashing first: a sign-in the server is too busy to check
	// costs the store nothing and is no failed attempt (password.ErrBusy).
	turn, err := password.Admit()
	if err != nil {
		return nil, err
	}
	defer turn.Done()
	slots := s.signInSlots(email, a)
	if err := s.claim(ctx, slots); err != nil {
		return nil, err
	}
	person, err := s.match(ctx, turn, email, a.Password)
	turn.Done()
	if err != nil {
		return nil, err
	}
	if person == nil {
		return nil, ErrInvalidCredentials
	}
	user, acct, reach, err := s.opening(ctx, person)
	if err != nil {
		return nil, err
	}
	if user == nil {
		return nil, ErrInvalidCredentials
	}
	if user.TOTPSecret != "" {
		if a.Code == "" && a.RecoveryCode == "" {
			// The password is right: not a failure.
			if err := s.release(ctx, slots); err != nil {
				return nil, err
			}
			return nil, ErrTOTPRequired
		}
		// A wrong code counts as a failed attempt, like a wrong password.
		if err := s.second.Verify(ctx, user, a.Code, a.RecoveryCode); err != nil {
			return nil, err
		}
		a.SecondFactor = true
	}
	// This client's failures are forgotten; the others' are not.
	if err := s.st.Throttles.Reset(ctx, slots[0].key, slots[0].rule, s.cfg.Now()); err != nil {
		return nil, err
	}
	if err := s.release(ctx, slots[1:]); err != nil {
		return nil, err
	}
	res, err := s.Open(ctx, user, acct, a, reach)
	if err != nil {
		return nil, err
	}
	if res.Accounts, err = s.Accounts(ctx, &Principal{Account: acct, Session: res.Session}); err != nil {
		return nil, err
	}
	res.Device = a.Device
	if _, ok := s.knownDevice(email, a.Device); !ok {
		res.Device = s.newDevice(email)
	}
	return res, nil
}

// Throttled refuses an attempt made too soon; RetryAfter says when to
// try again.
type Throttled struct{ RetryAfter time.Duration }

func (t *Throttled) Error() string { return "too many failed attempts" }

// slot is one throttle an attempt goes through.
type slot struct {
	key  string
	rule store.Rule
}

// signInSlots are the throttles of a sign-in: first the pair of the email
// and the client, which slows down quickly. A known device of the email is
// that client, and nothing else: strangers' failures do not touch it. Any
// other client also goes through the email's own throttle, which slows
// down only after many failures, and its IP's.
func (s *Service) signInSlots(email string, a Attempt) []slot {
	user := "email:" + KeyOf(email)
	lockout := func(free int) store.Rule {
		return store.Rule{Window: s.cfg.LockoutReset, Free: free, Wait: s.cfg.LockoutWait, MaxWait: s.cfg.LockoutMaxWait}
	}
	if id, ok := s.knownDevice(email, a.Device); ok {
		return []slot{{user + ":device:" + sessionID(id), lockout(s.cfg.EmailFailures)}}
	}
	return []slot{
		{user + ":ip:" + a.IP, lockout(s.cfg.EmailFailures)},
		{user, s.userRule()},
		{"ip:" + a.IP, store.Rule{Window: s.cfg.FailureWindow, Free: s.cfg.IPFailures}},
	}
}

// userRule is the throttle of an email as a whole, from unknown clients.
func (s *Service) userRule() store.Rule {
	return store.Rule{Window: s.cfg.LockoutReset, Free: s.cfg.UserFailures, Wait: s.cfg.LockoutWait, MaxWait: s.cfg.LockoutMaxWait}
}

// claim takes a slot of each throttle, or none: an attempt one of them
// refuses is not made, so it gives back the slots it took.
func (s *Service) claim(ctx context.Context, slots []slot) error {
	now := s.cfg.Now()
	for i, sl := range slots {
		retry, err := s.st.Throttles.Claim(ctx, sl.key, sl.rule, now)
		if err != nil {
			return err
		}
		if retry > 0 {
			if err := s.release(ctx, slots[:i]); err != nil {
				return err
			}
			return &Throttled{RetryAfter: retry}
		}
	}
	return nil
}

// release gives back the slots of an attempt that was no failure.
func (s *Service) release(ctx context.Context, slots []slot) error {
	for _, sl := range slots {
		if err := s.st.Throttles.Release(ctx, sl.key, sl.rule, s.cfg.Now()); err != nil {
			return err
		}
	}
	return nil
}

// LockedUntil is until when sign-ins with this email from unknown clients
// are refused, or nil.
func (s *Service) LockedUntil(ctx context.Context, email string) (*time.Time, error) {
	until, err := s.st.Throttles.RefusedUntil(ctx, "email:"+KeyOf(email), s.userRule(), s.cfg.Now())
	if err != nil || until.IsZero() {
		return nil, err
	}
	until = until.UTC()
	return &until, nil
}

// ClearLockout forgets the failed sign-ins with this email from unknown
// clients, so that it signs in again at once.
func (s *Service) ClearLockout(ctx context.Context, email string) error {
	return s.st.Throttles.Reset(ctx, "email:"+KeyOf(email), s.userRule(), s.cfg.Now())
}

// match returns the person whose password this is, or nil. It runs one
// password hash whether the email is unknown, has no password yet or
// belongs to any number of accounts, so neither the time nor the work
// tells.
func (s *Service) match(ctx context.Context, turn *password.Turn, email, pw string) (*store.Person, error) {
	p, err := s.st.People.Get(ctx, email)
	if err == store.ErrNotFound {
		p = nil
	} else if err != nil {
		return nil, err
	}
	hash := s.decoy
	if p != nil && p.PasswordHash != "" {
		hash = p.PasswordHash
	}
	if ok := turn.Match(pw, []string{hash})[0]; !ok || hash == s.decoy {
		return nil, nil
	}
	return p, nil
}

// opening is the account a sign-in opens: the one used last where the
// person is an active member, read afresh (a sign-in takes the account as
// the store has it, a change made behind the versions' back included). The
// person's other memberships are in reach, to switch to; each is checked
// when it is listed or switched to, so a sign-in reads one account however
// many the person belongs to.
func (s *Service) opening(ctx context.Context, p *store.Person) (*store.User, *tenant.Account, map[string]string, error) {
	order := p.Order()
	for i, m := range order {
		acct, err := s.st.Accounts.Get(ctx, m.AccountID)
		if err == store.ErrNotFound {
			continue // a login left behind by an interrupted create
		} else if err != nil {
			return nil, nil, nil, err
		}
		if mm, ok := acct.Members[m.UserID]; !ok || mm.Status != rules.StatusActive {
			continue
		}
		u, err := s.st.Users.Of(ctx, p, acct.ID, m.UserID)
		if err == store.ErrNotFound {
			continue
		} else if err != nil {
			return nil, nil, nil, err
		}
		reach := map[string]string{}
		for j, o := range order {
			if j != i {
				reach[o.AccountID] = o.UserID
			}
		}
		return u, acct, reach, nil
	}
	return nil, nil, nil, nil
}

// Open starts a session with a fresh id: a sign-in never reuses a session.
// acct, read after the credentials were checked, gives the session the
// member's current epoch, and the sign-in is noted in SignIns. It writes
// an account revision only where the account shows the person's second
// factor as it was before they changed it from another account. A "sign out everywhere" or a login going away that
// commits meanwhile moves the epoch past the one read here, so the session
// is refused from its first request, however the two interleave.
func (s *Service) Open(ctx context.Context, u *store.User, acct *tenant.Account, a Attempt, reach map[string]string) (*Result, error) {
	m, ok := acct.Members[u.ID]
	if !ok || m.Status != rules.StatusActive {
		return nil, ErrInvalidCredentials
	}
	now := s.cfg.Now().UTC()
	idle, absolute := lifetimes(s.cfg, acct)
	token := randomToken()
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
		Epoch:         m.SessionEpoch,
		Reach:         reach,
		SecondFactor:  a.SecondFactor,
	}
	if err := s.st.Sessions.Insert(ctx, sess); err != nil {
		return nil, err
	}
	if err := s.st.SignIns.Note(ctx, acct.ID, u.ID, now); err != nil {
		return nil, err
	}
	if err := s.st.People.Used(ctx, u.Email, acct.ID); err != nil {
		return nil, err
	}
	if on := u.TOTPSecret != ""; m.TOTP != on {
		shown, err := s.ShowSecondFactor(ctx, acct.ID, u.ID, on)
		if err != nil {
			return nil, err
		}
		if shown != nil {
			acct = shown
		}
	}
	return &Result{Token: token, Session: sess, User: u, Account: acct}, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
