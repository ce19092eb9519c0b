// Package auth signs people in and out and turns a session cookie into the
// principal a request acts as.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/account"
)

// Config holds the session lifetimes and throttling limits.
type Config struct {
	// IdleTimeout ends a session not used for this long; default 30m.
	IdleTimeout time.Duration
	// AbsoluteTimeout ends a session this long after sign-in; default 12h.
	AbsoluteTimeout time.Duration
	// EmailFailures failed sign-ins for one email from one client (an IP,
	// or a known device), or UserFailures from every client that is not a
	// known device of that email, make each further attempt wait LockoutWait
	// after the previous one, doubling up to LockoutMaxWait; failures are
	// forgotten after LockoutReset, or at a sign-in from that client.
	// IPFailures from one IP, whatever the emails, refuse it until
	// FailureWindow closes. Defaults 5, 20, 5m, 15m, 12h, 20 and 15m.
	EmailFailures  int
	UserFailures   int
	LockoutWait    time.Duration
	LockoutMaxWait time.Duration
	LockoutReset   time.Duration
	IPFailures     int
	FailureWindow  time.Duration
	// DeviceKey signs known-device cookies (DeviceKeySize bytes); default
	// a random key, which the cookies do not outlive.
	DeviceKey []byte
	// Salts hash passwords (see password.Salts); default from a random key,
	// which only hashes made by this process share.
	Salts password.Salts
	// TouchEvery bounds how often a session's idle deadline is written;
	// default 1m, and never more than a quarter of the idle timeout.
	TouchEvery time.Duration
	// Now is the clock; default time.Now.
	Now func() time.Time
}

func (c *Config) defaults() {
	if c.IdleTimeout == 0 {
		c.IdleTimeout = 30 * time.Minute
	}
	if c.AbsoluteTimeout == 0 {
		c.AbsoluteTimeout = 12 * time.Hour
	}
	if c.EmailFailures == 0 {
		c.EmailFailures = 5
	}
	if c.UserFailures == 0 {
		c.UserFailures = 20
	}
	if c.LockoutWait == 0 {
		c.LockoutWait = 5 * time.Minute
	}
	if c.LockoutMaxWait == 0 {
		c.LockoutMaxWait = 15 * time.Minute
	}
	if c.LockoutReset == 0 {
		c.LockoutReset = 12 * time.Hour
	}
	if len(c.DeviceKey) == 0 {
		c.DeviceKey = make([]byte, DeviceKeySize)
		_, _ = rand.Read(c.DeviceKey)
	}
	if c.Salts == (password.Salts{}) {
		c.Salts = password.NewSalts([]byte(randomToken()))
	}
	if c.IPFailures == 0 {
		c.IPFailures = 20
	}
	if c.FailureWindow == 0 {
		c.FailureWindow = 15 * time.Minute
	}
	if c.TouchEvery == 0 {
		c.TouchEvery = time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Errors of sign-in and authentication.
var (
	ErrInvalidCredentials = errors.New("email or password is wrong")
	ErrUnauthenticated    = errors.New("not signed in")
	// ErrTOTPRequired: the password is right and a second factor is needed.
	ErrTOTPRequired = errors.New("two-factor code required")
	// ErrSecondFactor: the code is wrong, stale or used already.
	ErrSecondFactor = errors.New("the code is wrong or was used already")
)

// Service signs in and authenticates against the store.
type Service struct {
	st     *store.Store
	cfg    Config
	second SecondFactor
	// decoy is checked when no user matches, so that an unknown email costs
	// as much time as a wrong password.
	decoy string
	// What this server keeps in memory of sessions and permissions.
	sessions sessions
	subjects subjects
}

// New makes a Service.
func New(st *store.Store, cfg Config) (*Service, error) {
	cfg.defaults()
	decoy, err := cfg.Salts.Hash(randomToken(), randomToken())
	if err != nil {
		return nil, err
	}
	return &Service{st: st, cfg: cfg, decoy: decoy}, nil
}

// HashPassword hashes a new password of email (in any form).
func (s *Service) HashPassword(email, pw string) (string, error) {
	return s.cfg.Salts.Hash(NormalizeEmail(email), pw)
}

// randomToken returns 256 random bits, URL-safe.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// sessionID is what the store keeps of a cookie token: its SHA-256.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// lifetimes are an account's session lifetimes: the operator's, or
// shorter where the account's policy says so; a policy never lengthens
// them (one stored before the limits were lowered included).
func lifetimes(cfg Config, a *tenant.Account) (idle, absolute time.Duration) {
	return shorter(cfg.IdleTimeout, a.Policy.SessionIdleMinutes), shorter(cfg.AbsoluteTimeout, a.Policy.SessionAbsoluteMinutes)
}

func shorter(limit time.Duration, minutes int) time.Duration {
	if d := time.Duration(minutes) * time.Minute; minutes > 0 && d < limit {
		return d
	}
	return limit
}

// SessionLimits are the operator's session lifetimes, in whole minutes: the
// longest an account's policy may set.
func (s *Service) SessionLimits() account.SessionLimits {
	return account.SessionLimits{IdleMinutes: int(s.cfg.IdleTimeout / time.Minute), AbsoluteMinutes: int(s.cfg.AbsoluteTimeout / time.Minute)}
}
