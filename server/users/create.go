// Package users creates and changes users under the account's rules:
// seats, role caps, and no escalation through role assignment.
package users

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// Service changes users.
type Service struct {
	st  *store.Store
	now func() time.Time
}

// New makes a Service.
func New(st *store.Store) *Service {
	return &Service{st: st, now: time.Now}
}

// Create adds an active user with a password. The user document is written
// first (the unique index refuses a taken email), then the membership in
// one atomic update of the account that checks seats and caps; if that
// refuses, the user document is removed again.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in api.CreateUser) (*store.User, store.Member, error) {
	if no := validate(in); no != nil {
		return nil, store.Member{}, no
	}
	if in.Password == "" {
		return nil, store.Member{}, &rules.Refusal{Code: api.CodeInvalidInput, Message: "Invitations without a password are not available yet; give a password.",
			Fields: map[string]string{"password": "Enter a password."}}
	}
	hash, err := password.Hash(in.Password)
	if err != nil {
		return nil, store.Member{}, err
	}
	who, err := s.st.Users.Get(ctx, p.Account.ID, p.Session.UserID)
	if err != nil {
		return nil, store.Member{}, err
	}
	now := s.now().UTC()
	u := &store.User{
		ID: accounts.NewID(), AccountID: p.Account.ID, Email: auth.NormalizeEmail(in.Email),
		Name: strings.TrimSpace(in.Name), PasswordHash: hash, CreatedAt: now,
	}
	if err := s.st.Users.Insert(ctx, u); errors.Is(err, store.ErrDuplicate) {
		return nil, store.Member{}, &rules.Refusal{Code: api.CodeEmailTaken, Message: "A user with this email exists already.",
			Fields: map[string]string{"email": "This email is taken."}}
	} else if err != nil {
		return nil, store.Member{}, err
	}
	m := store.Member{RoleID: in.RoleID, Status: store.StatusActive}
	_, err = s.st.Accounts.Update(ctx, p.Account.ID, func(a *store.Account) error {
		if no := admit(a, p.Session.UserID, in.RoleID); no != nil {
			return no
		}
		a.Members[u.ID] = m
		r, _ := a.Role(in.RoleID)
		a.Outbox = append(a.Outbox, store.AuditRecord{
			ID: store.NewAuditID(now), At: now, Action: "user.create",
			Actor:   store.AuditActor{ID: who.ID, Name: who.Name, Email: who.Email},
			Target:  store.AuditTarget{Type: "user", ID: u.ID, Name: u.Name},
			Summary: "Added " + u.Name + " as " + r.Name,
			After:   `{"email":"` + u.Email + `","role_id":"` + in.RoleID + `","status":"active"}`,
		})
		return nil
	})
	if err != nil {
		// The membership was refused or not written: the user document goes.
		if derr := s.st.Users.Delete(context.WithoutCancel(ctx), u.ID); derr != nil {
			return nil, store.Member{}, errors.Join(err, derr)
		}
		return nil, store.Member{}, err
	}
	return u, m, nil
}

// admit checks, on the account as it is now, that actorID may add a member
// holding roleID: the role exists, a seat is free, the role's cap holds,
// and the role grants nothing the actor lacks.
func admit(a *store.Account, actorID, roleID string) *rules.Refusal {
	r, ok := a.Role(roleID)
	if !ok {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "No such role.", Fields: map[string]string{"role_id": "Pick a role of this account."}}
	}
	tier, _ := plan.Lookup(a.Plan)
	if a.SeatsUsed() >= tier.Seats {
		return &rules.Refusal{Code: api.CodeSeatLimitReached, Message: "Every seat of the " + tier.Name + " plan is taken."}
	}
	if r.MaxHolders > 0 && a.Holders()[roleID] >= r.MaxHolders {
		return &rules.Refusal{Code: api.CodeRoleCapReached, Message: r.Name + " is limited to its current holders."}
	}
	actor := a.Members[actorID]
	return rules.Assign(rules.Actor{RoleID: actor.RoleID, Subject: a.Subject(actor)}, r)
}

func validate(in api.CreateUser) *rules.Refusal {
	fields := map[string]string{}
	if n := utf8.RuneCountInString(strings.TrimSpace(in.Name)); n == 0 || n > 200 {
		fields["name"] = "Enter a name of at most 200 characters."
	}
	if addr, err := mail.ParseAddress(in.Email); err != nil || addr.Address != strings.TrimSpace(in.Email) || len(in.Email) > 254 {
		fields["email"] = "Enter an email address."
	}
	if in.RoleID == "" {
		fields["role_id"] = "Pick a role."
	}
	if in.Password != "" {
		if err := password.Validate(in.Password); err != nil {
			fields["password"] = "The password " + err.Error() + "."
		}
	}
	if len(fields) > 0 {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.", Fields: fields}
	}
	return nil
}
