package users

import (
	"context"
	"strings"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

var errBadLink = &rules.Refusal{Code: api.CodeInvalidInput, Message: "This link is invalid, expired or used already. Ask for a new one.",
	Fields: map[string]string{"token": "Invalid, expired or used."}}

// peek reads a link's token without using it up; expired tokens are
// refused like unknown ones.
func (s *Service) peek(ctx context.Context, secret, kind string) (*store.Token, error) {
	return s.token(ctx, secret, kind, s.st.Tokens.Get)
}

// take uses up a link's token; expired tokens are refused like unknown ones.
func (s *Service) take(ctx context.Context, secret, kind string) (*store.Token, error) {
	return s.token(ctx, secret, kind, s.st.Tokens.Take)
}

func (s *Service) token(ctx context.Context, secret, kind string, read func(context.Context, string, string) (*store.Token, error)) (*store.Token, error) {
	if secret == "" {
		return nil, errBadLink
	}
	t, err := read(ctx, tokenID(secret), kind)
	if err == store.ErrNotFound {
		return nil, errBadLink
	} else if err != nil {
		return nil, err
	}
	if !s.cfg.Now().Before(t.ExpiresAt) {
		return nil, errBadLink
	}
	return t, nil
}

// Invitation tells the holder of a working invitation link where they are
// invited and as whom, without spending the link: the page shows it before
// they choose a password. A link used, expired, revoked or never made is
// refused with the one sentence accepting it would give, so that checking
// tells a guesser nothing more than accepting does.
func (s *Service) Invitation(ctx context.Context, token string) (api.Invitation, error) {
	t, err := s.peek(ctx, token, store.TokenInvite)
	if err != nil {
		return api.Invitation{}, err
	}
	a, err := s.st.Accounts.Get(ctx, t.AccountID)
	if err == store.ErrNotFound {
		return api.Invitation{}, errBadLink
	} else if err != nil {
		return api.Invitation{}, err
	}
	m, ok := a.Members[t.UserID]
	if !ok || m.Status != rules.StatusInvited {
		return api.Invitation{}, errBadLink
	}
	r, _ := a.Role(m.RoleID)
	return api.Invitation{Account: a.Name, Email: m.Email, Role: r.Name, Name: m.Name}, nil
}

// Accept takes an invitation: the person sets their name and password,
// becomes active, and is signed in.
func (s *Service) Accept(ctx context.Context, in api.AcceptInvite, at auth.Attempt) (*auth.Result, error) {
	fields := map[string]string{}
	if why := rules.ValidName(in.Name); why != "" {
		fields["name"] = why
	}
	// The password is judged against the invited person's email and the
	// account before the link is spent on it.
	t, err := s.peek(ctx, in.Token, store.TokenInvite)
	if err != nil {
		return nil, err
	}
	u, err := s.st.Users.Get(ctx, t.AccountID, t.UserID)
	if err == store.ErrNotFound {
		return nil, errBadLink
	} else if err != nil {
		return nil, err
	}
	a, err := s.st.Accounts.Get(ctx, t.AccountID)
	if err == store.ErrNotFound {
		return nil, errBadLink
	} else if err != nil {
		return nil, err
	}
	// Someone with a password signs in and joins (Join): a link, which an
	// account's super admin may read in its outbox, never chooses the
	// password of a person who may belong to other accounts.
	if u.PasswordHash != "" {
		return nil, errHasPassword
	}
	if err := password.Acceptable(in.Password, passwordContext(a, strings.TrimSpace(in.Name), u.Email)); err != nil {
		fields["password"] = "The password " + err.Error() + "."
	}
	if len(fields) > 0 {
		return nil, &rules.Refusal{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.", Fields: fields}
	}
	if _, err := s.take(ctx, in.Token, store.TokenInvite); err != nil {
		return nil, err
	}
	name := strings.TrimSpace(in.Name)
	now := s.cfg.Now().UTC()
	hash, err := s.auth.HashPassword(u.Email, in.Password)
	if err != nil {
		return nil, err
	}
	a, err = s.st.Accounts.Update(ctx, t.AccountID, func(a *tenant.Account) error {
		m, ok := a.Members[u.ID]
		if !ok || m.Status != rules.StatusInvited {
			return errBadLink
		}
		m.Status, m.Name, m.InviteExpiresAt = rules.StatusActive, name, nil
		a.Members[u.ID] = m
		a.Record(tenant.AuditRecord{
			At: now, Action: "user.accept_invite", Summary: name + " accepted the invitation",
			Actor:  tenant.AuditActor{ID: u.ID, Name: name, Email: u.Email},
			Target: tenant.AuditTarget{Type: "user", ID: u.ID, Name: name},
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := s.st.People.SetPassword(ctx, u.Email, hash); err != nil {
		return nil, err
	}
	u.PasswordHash = hash
	return s.auth.Open(ctx, u, a, at, nil)
}

// errHasPassword: an invitation for someone who signs in already, opened
// while signed out.
var errHasPassword = &rules.Refusal{Code: api.CodeInvalidState, Message: "You have a password with this email already: sign in with it, then open this link again to join."}

// errOtherEmail: an invitation taken by someone signed in with another email.
var errOtherEmail = &rules.Refusal{Code: api.CodeInvalidState, Message: "This invitation is for another email. Sign out, then open the link again."}

// Join takes an invitation for the person signed in, with no second
// password (theirs is the person's, in every account): the invited login
// becomes active, and the person goes on in that account as by a switch,
// the account they came from kept in reach, with their second factor
// (one for all their accounts) shown there from now on.
func (s *Service) Join(ctx context.Context, p *auth.Principal, token string, at auth.Attempt) (*auth.Result, error) {
	t, err := s.peek(ctx, token, store.TokenInvite)
	if err != nil {
		return nil, err
	}
	me, err := s.st.Users.Get(ctx, p.Account.ID, p.Session.UserID)
	if err != nil {
		return nil, err
	}
	u, err := s.st.Users.Get(ctx, t.AccountID, t.UserID)
	if err == store.ErrNotFound {
		return nil, errBadLink
	} else if err != nil {
		return nil, err
	}
	if u.Email != me.Email {
		return nil, errOtherEmail
	}
	if _, err := s.take(ctx, token, store.TokenInvite); err != nil {
		return nil, err
	}
	now := s.cfg.Now().UTC()
	a, err := s.st.Accounts.Update(ctx, t.AccountID, func(a *tenant.Account) error {
		m, ok := a.Members[u.ID]
		if !ok || m.Status != rules.StatusInvited {
			return errBadLink
		}
		m.Status, m.InviteExpiresAt = rules.StatusActive, nil
		a.Members[u.ID] = m
		a.Record(tenant.AuditRecord{
			At: now, Action: "user.accept_invite", Summary: m.Name + " accepted the invitation, signed in from another account",
			Actor:  tenant.AuditActor{ID: u.ID, Name: m.Name, Email: u.Email},
			Target: tenant.AuditTarget{Type: "user", ID: u.ID, Name: m.Name},
		})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.auth.Move(ctx, p, u, a, at)
}

// Reset sets a new password from a reset link; every session of the user ends.
func (s *Service) Reset(ctx context.Context, in api.NewPassword) error {
	t, err := s.peek(ctx, in.Token, store.TokenReset)
	if err != nil {
		return err
	}
	a, err := s.st.Accounts.Get(ctx, t.AccountID)
	if err != nil {
		return err
	}
	m := a.Members[t.UserID]
	if m.Status != rules.StatusActive {
		return errBadLink
	}
	// A refused password leaves the link working for a better one.
	if err := password.Acceptable(in.Password, passwordContext(a, m.Name, m.Email)); err != nil {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "Choose another password.", Fields: map[string]string{"password": "The password " + err.Error() + "."}}
	}
	if _, err := s.take(ctx, in.Token, store.TokenReset); err != nil {
		return err
	}
	return s.setPassword(ctx, t.AccountID, t.UserID, m.Email, in.Password, "")
}
