package users

import (
	"context"
	"errors"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// ResetPassword, by an admin: mail the user a reset link, or set
// a new password. Setting one ends the user's other sessions.
func (s *Service) ResetPassword(ctx context.Context, p *auth.Principal, id string, in api.ResetPassword) error {
	switch in.Mode {
	case "email":
	case "set":
		m := p.Account.Members[id]
		if err := password.Acceptable(in.Password, passwordContext(p.Account, m.Name, m.Email)); err != nil {
			return &rules.Refusal{Code: api.CodeInvalidInput, Message: "Choose another password.", Fields: map[string]string{"password": "The password " + err.Error() + "."}}
		}
		// Asked only of someone the rules let set it: nobody else learns
		// that the person belongs to another account.
		actor := p.Actor()
		if t, ok := Target(p.Account, p.Session.UserID, id); ok && id != p.Session.UserID && rules.Lifecycle(actor, p.Session.UserID, rules.ActReset, t) == nil {
			if other, err := Elsewhere(ctx, s.st, p.Account.ID, m.Email); err != nil {
				return err
			} else if other {
				return CredentialsElsewhere(m.Name, "password", "send them a reset link instead.")
			}
		}
	default:
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: `mode is "email" or "set".`, Fields: map[string]string{"mode": `Use "email" or "set".`}}
	}
	a, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		t, ok := Target(a, p.Session.UserID, id)
		if !ok {
			return errNoUser
		}
		if no := rules.Lifecycle(actor, p.Session.UserID, rules.ActReset, t); no != nil {
			return no
		}
		name := a.Members[id].Name
		rec.Action = "user.reset_password"
		rec.Target = tenant.AuditTarget{Type: "user", ID: id, Name: name}
		rec.Summary = "Sent a password reset link to " + name
		if in.Mode == "set" {
			rec.Summary = "Set a new password for " + name
		}
		return nil
	})
	if err != nil {
		return err
	}
	if in.Mode == "email" {
		return s.sendReset(ctx, a, id)
	}
	keep := ""
	if id == p.Session.UserID {
		keep = p.Session.ID
	}
	return s.setPassword(ctx, p.Account.ID, id, a.Members[id].Email, in.Password, keep)
}

// passwordContext is what a new password of a member of a is judged
// against: the account's minimum length and the words tried first on them.
func passwordContext(a *tenant.Account, name, email string) password.Context {
	return password.Context{MinLength: a.Policy.PasswordMin(), Name: name, Email: email, Account: a.Name}
}

// setPassword stores a new password of the person with this email and
// ends every session of theirs, in every account they belong to, but keep
// (one of theirs). The reset links of userID go.
func (s *Service) setPassword(ctx context.Context, accountID, userID, email, pw, keep string) error {
	hash, err := s.auth.HashPassword(email, pw)
	if err != nil {
		return err
	}
	if err := s.st.People.SetPassword(ctx, email, hash); err != nil {
		return err
	}
	if err := s.st.Tokens.DeleteForUser(ctx, userID, store.TokenReset); err != nil {
		return err
	}
	logins := []store.Membership{{AccountID: accountID, UserID: userID}}
	if person, err := s.st.People.Get(ctx, email); err == nil {
		logins = person.Order()
	} else if err != store.ErrNotFound {
		return err
	}
	for _, l := range logins {
		if err := s.auth.EndUserSessions(ctx, l.AccountID, l.UserID, keep); err != nil {
			return err
		}
	}
	return nil
}

// ChangeOwn changes the signed-in user's password, given the current one;
// their other sessions end, this one stays.
func (s *Service) ChangeOwn(ctx context.Context, p *auth.Principal, in api.ChangePassword) error {
	u, err := s.st.Users.Get(ctx, p.Account.ID, p.Session.UserID)
	if err != nil {
		return err
	}
	name := p.Member.Name
	if ok, err := password.Verify(in.CurrentPassword, u.PasswordHash); errors.Is(err, password.ErrBusy) {
		return err
	} else if !ok {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "The current password is wrong.", Fields: map[string]string{"current_password": "Wrong password."}}
	}
	if err := password.Acceptable(in.NewPassword, passwordContext(p.Account, p.Member.Name, p.Member.Email)); err != nil {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "Choose another password.", Fields: map[string]string{"new_password": "The password " + err.Error() + "."}}
	}
	_, _, err = s.edit(ctx, p, func(a *tenant.Account, _ rules.Actor, rec *edit.Record) error {
		rec.Action, rec.Summary = "user.change_password", name+" changed their password"
		rec.Target = tenant.AuditTarget{Type: "user", ID: u.ID, Name: name}
		return nil
	})
	if err != nil {
		return err
	}
	return s.setPassword(ctx, p.Account.ID, u.ID, u.Email, in.NewPassword, p.Session.ID)
}
