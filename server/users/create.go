// Package users creates and changes users under the account's rules:
// seats, role caps, the ladder, the last super admin, and no escalation.
package users

import (
	"context"
	"errors"
	"net/mail"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	mailer "github.com/rolesconsole/console/server/mail"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// Config sets the links the emails carry and how long they work.
type Config struct {
	// PublicURL is where people open the console, e.g. https://console.example/.
	PublicURL string
	// InviteTTL is how long an invitation works; default 7 days.
	InviteTTL time.Duration
	// ResetTTL is how long a password reset link works; default 1 hour.
	ResetTTL time.Duration
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// Service changes users.
type Service struct {
	st   *store.Store
	auth *auth.Service
	mail mailer.Sender
	cfg  Config
	// resets wakes DeliverResets when a reset is asked for.
	resets chan struct{}
}

// New makes a Service.
func New(st *store.Store, as *auth.Service, m mailer.Sender, cfg Config) *Service {
	if cfg.InviteTTL == 0 {
		cfg.InviteTTL = 7 * 24 * time.Hour
	}
	if cfg.ResetTTL == 0 {
		cfg.ResetTTL = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	return &Service{st: st, auth: as, mail: m, cfg: cfg, resets: make(chan struct{}, 1)}
}

// InviteTTL is how long an invitation's link works.
func (s *Service) InviteTTL() time.Duration { return s.cfg.InviteTTL }

func (s *Service) edit(ctx context.Context, p *auth.Principal, change edit.Change) (*tenant.Account, *tenant.AuditRecord, error) {
	return edit.Apply(ctx, s.st, p, s.cfg.Now(), change)
}

// Create adds a user: active with a password, without a login when asked
// (no seat, invited later), else invited by email. The
// user document is written first (the unique index refuses a taken email),
// then the membership in one atomic update of the account that checks
// seats, caps and escalation; if that refuses, the user document goes again.
func (s *Service) Create(ctx context.Context, p *auth.Principal, in api.CreateUser) (string, tenant.Member, error) {
	if no := validate(in, p.Account); no != nil {
		return "", tenant.Member{}, no
	}
	now := s.cfg.Now().UTC()
	u := &store.User{ID: accounts.NewID(), AccountID: p.Account.ID, Email: auth.NormalizeEmail(in.Email), CreatedAt: now}
	creator := p.Account.Members[p.Session.UserID]
	m := tenant.Member{Name: strings.TrimSpace(in.Name), Email: u.Email, CreatedAt: now, RoleID: in.RoleID, Status: rules.StatusActive,
		CreatedBy: p.Session.UserID, CreatedByName: creator.Name}
	switch {
	case in.NoLogin:
		m.Status = rules.StatusNoLogin
	case in.Password != "":
		// Asked only of someone the rules let add users: nobody else learns
		// that the person belongs to another account.
		if rules.CreateUser(p.Actor()) == nil {
			// Whoever has a password and another account keeps it (as
			// People.join does), whatever their status there.
			if person, err := s.st.People.Get(ctx, u.Email); err != nil && err != store.ErrNotFound {
				return "", m, err
			} else if err == nil && person.PasswordHash != "" && person.Elsewhere(p.Account.ID) {
				return "", m, CredentialsElsewhere(m.Name, "password", "invite them instead, and they join with the password they have.")
			}
		}
		hash, err := s.auth.HashPassword(u.Email, in.Password)
		if err != nil {
			return "", m, err
		}
		u.PasswordHash = hash
	default:
		m.Status = rules.StatusInvited
		expires := now.Add(s.cfg.InviteTTL)
		m.InviteExpiresAt = &expires
	}
	if err := s.st.Users.Insert(ctx, u); errors.Is(err, store.ErrDuplicate) {
		return "", m, &rules.Refusal{Code: api.CodeEmailTaken, Message: "A user with this email exists already.",
			Fields: map[string]string{"email": "This email is taken."}}
	} else if err != nil {
		return "", m, err
	}
	a, _, err := s.edit(ctx, p, func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		r, ok := a.Role(in.RoleID)
		if !ok {
			return &rules.Refusal{Code: api.CodeInvalidInput, Message: "No such role.", Fields: map[string]string{"role_id": "Pick a role of this account."}}
		}
		if no := rules.CreateUser(actor); no != nil {
			return no
		}
		if rules.HoldsSeat(m.Status) {
			if no := seats(a, actor).Admit(r); no != nil {
				return no
			}
		}
		if no := rules.Assign(actor, r); no != nil {
			return no
		}
		if no := rules.DomainAllows(r, u.Email); no != nil {
			return no
		}
		a.Members[u.ID] = m
		verb, how := "Added ", ""
		switch m.Status {
		case rules.StatusInvited:
			verb = "Invited "
		case rules.StatusNoLogin:
			how = ", without a login"
		}
		rec.Action, rec.Summary = "user.create", verb+m.Name+" as "+r.Name+how
		rec.Target = tenant.AuditTarget{Type: "user", ID: u.ID, Name: m.Name}
		rec.After = memberView{Email: u.Email, RoleID: m.RoleID, Status: m.Status}
		return nil
	})
	if err != nil {
		// The membership was refused or not written: the user document goes.
		if derr := s.st.Users.Delete(context.WithoutCancel(ctx), u.ID); derr != nil {
			return "", m, errors.Join(err, derr)
		}
		return "", m, err
	}
	if m.Status == rules.StatusInvited {
		if err := s.sendInvite(ctx, a, u.ID); err != nil {
			return "", m, err
		}
	}
	return u.ID, m, nil
}

// memberView is what the audit log keeps of a user's standing.
type memberView struct {
	Email     string   `json:"email,omitempty"`
	RoleID    string   `json:"role_id"`
	Status    string   `json:"status"`
	Grant     []string `json:"grant,omitempty"`
	Deny      []string `json:"deny,omitempty"`
	Name      string   `json:"name,omitempty"`
	Seats     int      `json:"seats,omitempty"`
	SeatLimit int      `json:"seat_limit,omitempty"`
}

// seats is the account's seats as the rules count them; the plan's name
// and size stay out of what they say to someone who may not view billing.
func seats(a *tenant.Account, actor rules.Actor) rules.Seats {
	tier, _ := plan.Lookup(a.Plan)
	hidden := !actor.Subject.Can("billing.view") && !actor.Subject.Can("billing.manage")
	return rules.Seats{Plan: tier, PlanHidden: hidden, Used: a.SeatsUsed(), Seated: a.SeatedByRole()}
}

func validate(in api.CreateUser, a *tenant.Account) *rules.Refusal {
	fields := map[string]string{}
	if why := rules.ValidName(in.Name); why != "" {
		fields["name"] = why
	}
	if !validEmail(in.Email) {
		fields["email"] = "Enter an email address."
	}
	if in.RoleID == "" {
		fields["role_id"] = "Pick a role."
	}
	if in.NoLogin && in.Password != "" {
		fields["password"] = "Someone without a login has no password; invite them to choose one."
	} else if in.Password != "" {
		if err := password.Acceptable(in.Password, passwordContext(a, in.Name, in.Email)); err != nil {
			fields["password"] = "The password " + err.Error() + "."
		}
	}
	if len(fields) > 0 {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.", Fields: fields}
	}
	return nil
}

func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == strings.TrimSpace(s) && len(s) <= 254
}
