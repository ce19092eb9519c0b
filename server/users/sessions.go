package users

import (
	"context"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	mailer "github.com/rolesconsole/console/server/mail"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/rules"
)

// EndSessions signs a user out everywhere, for an admin with users.manage.
func (s *Service) EndSessions(ctx context.Context, p *auth.Principal, id string) error {
	if _, err := s.guarded(ctx, p, id, "user.end_sessions", "Signed out everywhere: "); err != nil {
		return err
	}
	return s.auth.EndUserSessions(ctx, p.Account.ID, id, "")
}

// ClearLockout lets a user whose email failed sign-ins locked sign in again
// at once, from any browser.
func (s *Service) ClearLockout(ctx context.Context, p *auth.Principal, id string) error {
	m, err := s.guarded(ctx, p, id, "user.clear_lockout", "Sign-in lockout cleared: ")
	if err != nil {
		return err
	}
	return s.auth.ClearLockout(ctx, m.Email)
}

// RemindTOTP emails a user a reminder to turn on two-factor sign-in: the
// security panel's fix for users without it.
func (s *Service) RemindTOTP(ctx context.Context, p *auth.Principal, id string) error {
	m, err := s.guarded(ctx, p, id, "user.remind_2fa", "Reminded to turn on two-factor sign-in: ")
	if err != nil {
		return err
	}
	return s.mail.Send(ctx, mailer.Message{
		AccountID: p.Account.ID, To: m.Email, Subject: "Turn on two-factor sign-in for " + p.Account.Name,
		Text: "Hello " + m.Name + ",\n\nplease turn on two-factor sign-in: sign in at " + s.cfg.PublicURL +
			"/ and open My account. It takes a minute with an authenticator app.\n",
	})
}

// guarded records an admin's action on another user after checking that
// the actor holds users.manage and may act on them; it returns the member.
func (s *Service) guarded(ctx context.Context, p *auth.Principal, id, action, summary string) (tenant.Member, error) {
	var m tenant.Member
	_, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		t, ok := Target(a, p.Session.UserID, id)
		if !ok {
			return errNoUser
		}
		if no := rules.AdminSignIn(actor, p.Session.UserID, t); no != nil {
			return no
		}
		m = a.Members[id]
		rec.Action, rec.Summary = action, summary+m.Name
		rec.Target = tenant.AuditTarget{Type: "user", ID: id, Name: m.Name}
		return nil
	})
	return m, err
}
