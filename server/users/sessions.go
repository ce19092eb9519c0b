package users

import (
	"context"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	mailer "github.com/rolesconsole/console/server/mail"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/rules"
)

// EndSessions signs a user out everywhere, for an admin with users.manage.
func (s *Service) EndSessions(ctx context.Context, p *auth.Principal, id string) error {
	u, err := s.guarded(ctx, p, id, "user.end_sessions", "Signed out everywhere: ")
	if err != nil {
		return err
	}
	return s.st.Sessions.DeleteForUser(ctx, u.ID, "")
}

// RemindTOTP emails a user a reminder to turn on two-factor sign-in: the
// security panel's fix for users without it.
func (s *Service) RemindTOTP(ctx context.Context, p *auth.Principal, id string) error {
	u, err := s.guarded(ctx, p, id, "user.remind_2fa", "Reminded to turn on two-factor sign-in: ")
	if err != nil {
		return err
	}
	return s.mail.Send(ctx, mailer.Message{
		AccountID: p.Account.ID, To: u.Email, Subject: "Turn on two-factor sign-in for " + p.Account.Name,
		Text: "Hello " + u.Name + ",\n\nplease turn on two-factor sign-in: sign in at " + s.cfg.PublicURL +
			"/ and open My account. It takes a minute with an authenticator app.\n",
	})
}

// guarded records an admin's action on another user after checking that
// the actor holds users.manage and may act on them.
func (s *Service) guarded(ctx context.Context, p *auth.Principal, id, action, summary string) (*store.User, error) {
	u, err := s.st.Users.Get(ctx, p.Account.ID, id)
	if err == store.ErrNotFound {
		return nil, errNoUser
	} else if err != nil {
		return nil, err
	}
	_, _, err = s.edit(ctx, p, func(a *store.Account, actor rules.Actor, rec *edit.Record) error {
		t, ok := target(a, p.Session.UserID, id)
		if !ok {
			return errNoUser
		}
		if no := rules.AdminSignIn(actor, p.Session.UserID, t); no != nil {
			return no
		}
		rec.Action, rec.Summary = action, summary+u.Name
		rec.Target = store.AuditTarget{Type: "user", ID: id, Name: u.Name}
		return nil
	})
	return u, err
}
