// Package totp runs two-factor sign-in with time-based one-time codes
// (RFC 6238: SHA-1, 6 digits, 30 s steps, one step of clock skew either
// way): enrolment with a QR code, confirmation, single-use codes, recovery
// codes stored only as hashes, and secrets sealed at rest.
package totp

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"errors"
	"image/png"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/seal"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

const (
	period        = 30
	recoveryCount = 10
)

// Service enrols users and checks their codes.
type Service struct {
	st   *store.Store
	auth *auth.Service
	box  *seal.Box
	now  func() time.Time
}

// New makes a Service; now defaults to time.Now.
func New(st *store.Store, as *auth.Service, box *seal.Box, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{st: st, auth: as, box: box, now: now}
}

// ErrWrongCode is a code that is wrong, out of its window, or used already.
var ErrWrongCode = auth.ErrSecondFactor

var (
	errAlreadyOn = &rules.Refusal{Code: api.CodeInvalidState, Message: "Two-factor sign-in is on already; turn it off first to enrol again."}
	errNotOn     = &rules.Refusal{Code: api.CodeInvalidState, Message: "Two-factor sign-in is not on."}
	errBadCode   = &rules.Refusal{Code: api.CodeInvalidInput, Message: "That code does not match; check the time on your device and enter the current code.",
		Fields: map[string]string{"code": "Wrong code."}}
)

// Enrollment is a secret to put in an authenticator app: as text, as an
// otpauth URL, and as a QR code (PNG).
type Enrollment struct {
	Secret string
	URL    string
	QRPNG  []byte
}

// Enroll starts enrolment: a new secret, kept sealed as pending until a
// first code confirms it.
func (s *Service) Enroll(ctx context.Context, p *auth.Principal) (Enrollment, error) {
	u, err := s.st.Users.Get(ctx, p.Account.ID, p.Session.UserID)
	if err != nil {
		return Enrollment{}, err
	}
	if u.TOTPSecret != "" {
		return Enrollment{}, errAlreadyOn
	}
	key, err := totp.Generate(totp.GenerateOpts{Issuer: "Users & Roles · " + p.Account.Name, AccountName: u.Email, Period: period})
	if err != nil {
		return Enrollment{}, err
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return Enrollment{}, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Enrollment{}, err
	}
	if err := s.st.People.StartTOTP(ctx, u.Email, s.box.Seal([]byte(key.Secret()))); err != nil {
		return Enrollment{}, err
	}
	return Enrollment{Secret: key.Secret(), URL: key.URL(), QRPNG: buf.Bytes()}, nil
}

// Confirm turns two-factor sign-in on with a first code, and returns the
// recovery codes, which are shown this once and stored only as hashes.
func (s *Service) Confirm(ctx context.Context, p *auth.Principal, code string) ([]string, error) {
	u, err := s.st.Users.Get(ctx, p.Account.ID, p.Session.UserID)
	if err != nil {
		return nil, err
	}
	if u.TOTPSecret != "" {
		return nil, errAlreadyOn
	}
	if u.TOTPPending == "" {
		return nil, &rules.Refusal{Code: api.CodeInvalidState, Message: "Start enrolment first."}
	}
	secret, err := s.box.Open(u.TOTPPending)
	if err != nil {
		return nil, err
	}
	if err := s.claimCode(ctx, u.Email, string(secret), code); err != nil {
		return nil, errBadCode
	}
	codes, hashes := recoveryCodes()
	if err := s.st.People.ConfirmTOTP(ctx, u.Email, u.TOTPPending, hashes); err != nil {
		return nil, err
	}
	_, _, err = edit.Apply(ctx, s.st, p, s.now(), func(a *tenant.Account, _ rules.Actor, rec *edit.Record) error {
		m := a.Members[u.ID]
		m.TOTP = true
		a.Members[u.ID] = m
		rec.Action, rec.Summary = "user.totp_enable", m.Name+" turned on two-factor sign-in"
		rec.Target = tenant.AuditTarget{Type: "user", ID: u.ID, Name: m.Name}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.auth.ShowSecondFactorEverywhere(ctx, u.Email, p.Account.ID, true); err != nil {
		return nil, err
	}
	// A change of second factor ends the user's other sessions (ASVS 3.3.3).
	return codes, s.auth.EndUserSessions(ctx, p.Account.ID, u.ID, p.Session.ID)
}

var errRequired = &rules.Refusal{Code: api.CodeInvalidState, Message: "This account requires two-factor sign-in of you; it cannot be turned off."}

// Disable turns the user's own two-factor sign-in off, with their password
// and a current code or a recovery code, unless the account's policy
// requires it of them.
func (s *Service) Disable(ctx context.Context, p *auth.Principal, in api.DisableTOTP) error {
	u, err := s.st.Users.Get(ctx, p.Account.ID, p.Session.UserID)
	if err != nil {
		return err
	}
	if ok, err := password.Verify(in.Password, u.PasswordHash); errors.Is(err, password.ErrBusy) {
		return err
	} else if !ok {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "The password is wrong.", Fields: map[string]string{"password": "Wrong password."}}
	}
	if u.TOTPSecret == "" {
		return errNotOn
	}
	if in.Code == "" && in.RecoveryCode == "" {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "Enter the code from your authenticator app, or a recovery code.",
			Fields: map[string]string{"code": "Enter the current code."}}
	}
	// Refused before the code is checked, so that a recovery code offered
	// for nothing is not used up; the update checks again, for a policy
	// changed meanwhile.
	if p.Account.Policy.TwoFactor.Requires(p.Account.Members[u.ID].RoleID) {
		return errRequired
	}
	if err := s.Verify(ctx, u, in.Code, in.RecoveryCode); errors.Is(err, ErrWrongCode) {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "That code is wrong or was used already; enter the current code.",
			Fields: map[string]string{"code": "Wrong code."}}
	} else if err != nil {
		return err
	}
	_, _, err = edit.Apply(ctx, s.st, p, s.now(), func(a *tenant.Account, _ rules.Actor, rec *edit.Record) error {
		m := a.Members[u.ID]
		if a.Policy.TwoFactor.Requires(m.RoleID) {
			return errRequired
		}
		m.TOTP = false
		a.Members[u.ID] = m
		rec.Action, rec.Summary = "user.totp_disable", m.Name+" turned off two-factor sign-in"
		rec.Target = tenant.AuditTarget{Type: "user", ID: u.ID, Name: m.Name}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.auth.EndUserSessions(ctx, p.Account.ID, u.ID, p.Session.ID); err != nil {
		return err
	}
	return s.clear(ctx, p.Account.ID, u.Email)
}

// Reset turns another user's two-factor sign-in off (they lost their
// device), for an admin with users.manage, and signs them out everywhere:
// whoever holds a session may be the one who took the device. Nobody
// resets their own this way: that takes their password (Disable).
func (s *Service) Reset(ctx context.Context, p *auth.Principal, userID string) error {
	// Asked only of someone the rules let reset it: nobody else learns that
	// the person belongs to another account.
	actor := p.Actor()
	if t, ok := users.Target(p.Account, p.Session.UserID, userID); ok && userID != p.Session.UserID && rules.AdminSignIn(actor, p.Session.UserID, t) == nil {
		m := p.Account.Members[userID]
		if other, err := users.Elsewhere(ctx, s.st, p.Account.ID, m.Email); err != nil {
			return err
		} else if other {
			return users.CredentialsElsewhere(m.Name, "second factor", "they reset it themselves. You can end their sessions here or disable their login.")
		}
	}
	_, _, err := edit.Apply(ctx, s.st, p, s.now(), func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		t, ok := users.Target(a, p.Session.UserID, userID)
		if !ok {
			return &rules.Refusal{Code: api.CodeNotFound, Message: "No such user."}
		}
		if no := rules.AdminSignIn(actor, p.Session.UserID, t); no != nil {
			return no
		}
		m := a.Members[userID]
		if !m.TOTP {
			return errNotOn
		}
		m.TOTP = false
		a.Members[userID] = m
		rec.Action, rec.Summary = "user.reset_2fa", "Reset two-factor sign-in of "+m.Name
		rec.Target = tenant.AuditTarget{Type: "user", ID: userID, Name: m.Name}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.auth.EndUserSessions(ctx, p.Account.ID, userID, ""); err != nil {
		return err
	}
	return s.clear(ctx, p.Account.ID, p.Account.Members[userID].Email)
}

// clear turns the person's second factor off, in every account they
// belong to (it was changed in this one).
func (s *Service) clear(ctx context.Context, accountID, email string) error {
	if err := s.st.People.ClearTOTP(ctx, email); err != nil {
		return err
	}
	return s.auth.ShowSecondFactorEverywhere(ctx, email, accountID, false)
}

// Verify checks a sign-in's second factor: a current code, used once, or
// an unused recovery code, which is then gone.
func (s *Service) Verify(ctx context.Context, u *store.User, code, recovery string) error {
	if recovery != "" {
		h := hashRecovery(recovery)
		if !slices.Contains(u.RecoveryHashes, h) {
			return ErrWrongCode
		}
		ok, err := s.st.OneTime.Claim(ctx, "recovery:"+u.Email+":"+h, s.now())
		if err != nil {
			return err
		}
		if !ok {
			return ErrWrongCode
		}
		return s.st.People.UseRecovery(ctx, u.Email, h)
	}
	secret, err := s.box.Open(u.TOTPSecret)
	if err != nil {
		return err
	}
	return s.claimCode(ctx, u.Email, string(secret), code)
}

// claimCode accepts a code of the current step or one step either side,
// once: the step it matched is claimed, so the same code again is refused.
func (s *Service) claimCode(ctx context.Context, email, secret, code string) error {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return ErrWrongCode
	}
	now := s.now().Unix() / period
	for _, step := range []int64{now, now - 1, now + 1} {
		ok, err := hotp.ValidateCustom(code, uint64(step), secret, hotp.ValidateOpts{Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil || !ok {
			continue
		}
		fresh, err := s.st.OneTime.Claim(ctx, "step:"+email+":"+strconv.FormatInt(step, 10), s.now())
		if err != nil {
			return err
		}
		if !fresh {
			return ErrWrongCode
		}
		return nil
	}
	return ErrWrongCode
}

// recoveryCodes makes ten codes like "k3f9-2xq7-mp4d" and their hashes.
func recoveryCodes() (codes, hashes []string) {
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	for range recoveryCount {
		b := make([]byte, 8)
		_, _ = rand.Read(b)
		s := strings.ToLower(enc.EncodeToString(b))[:12]
		code := s[:4] + "-" + s[4:8] + "-" + s[8:]
		codes = append(codes, code)
		hashes = append(hashes, hashRecovery(code))
	}
	return codes, hashes
}

func hashRecovery(code string) string {
	norm := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(code), "-", ""))
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:])
}
