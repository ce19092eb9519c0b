package accounts

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// settings is what the audit log keeps of an account's own fields.
type settings struct {
	Name    string         `json:"name"`
	Plan    string         `json:"plan"`
	Policy  account.Policy `json:"policy"`
	Modules []string       `json:"modules"`
}

// modules is what the audit log keeps of a change of modules alone, the
// one change of the account's own fields that can be undone.
type modules struct {
	Modules []string `json:"modules"`
}

// Service changes an account's own settings and reads what is kept for
// it.
type Service struct {
	st *store.Store
	// limits are the operator's session lifetimes, the longest a policy
	// may set.
	limits account.SessionLimits
}

// NewService makes the accounts service.
func NewService(st *store.Store, limits account.SessionLimits) *Service {
	return &Service{st: st, limits: limits}
}

// Outbox is the account's newest emails kept when no SMTP server is
// configured (the route lets only super admins read them: they carry
// sign-in links).
func (s *Service) Outbox(ctx context.Context, p *auth.Principal) ([]store.MailMessage, error) {
	return s.st.Mail.Recent(ctx, p.Account.ID, 100)
}

// Patch changes the account's name, plan, policy or modules. A plan with
// fewer seats than are in use is refused. Turning a module off keeps the
// grants of its permissions stored, hidden, for when it is turned on again.
// A policy is judged by rules.ChangePolicy within the operator's session
// limits.
func (s *Service) Patch(ctx context.Context, p *auth.Principal, in api.PatchAccount) (*tenant.Account, error) {
	if in.Name != nil {
		if why := rules.ValidName(*in.Name); why != "" {
			return nil, &rules.Refusal{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.", Fields: map[string]string{"name": why}}
		}
	}
	var mods []string
	if in.Modules != nil {
		var no *rules.Refusal
		if mods, no = rules.ValidModules(*in.Modules); no != nil {
			return nil, no
		}
	}
	a, _, err := edit.Apply(ctx, s.st, p, time.Now(), func(a *tenant.Account, actor rules.Actor, rec *edit.Record) error {
		if no := rules.ManageAccount(actor); no != nil {
			return no
		}
		before := settings{a.Name, a.Plan, a.Policy, a.Modules}
		if in.Modules != nil {
			if no := rules.ChangeModules(actor); no != nil {
				return no
			}
			a.Modules = mods
			if in.Name == nil && in.Plan == nil && in.Policy == nil {
				if sameSet(before.Modules, mods) {
					return nil
				}
				rec.Action, rec.Summary, rec.Revertible = "account.modules", modulesSummary(before.Modules, mods), true
				rec.Target = tenant.AuditTarget{Type: "account", ID: a.ID, Name: a.Name}
				rec.Before, rec.After = modules{before.Modules}, modules{mods}
				return nil
			}
		}
		if err := s.settle(a, actor, rec, in); err != nil {
			return err
		}
		rec.Action, rec.Summary, rec.Revertible = "account.update", "Changed the account settings", true
		rec.Before = before
		return nil
	})
	return a, err
}

// settle changes the account's name, plan and policy as in asks, under
// the rules of the actor (rec's), and fills rec's target and after.
func (s *Service) settle(a *tenant.Account, actor rules.Actor, rec *edit.Record, in api.PatchAccount) error {
	if in.Name != nil {
		a.Name = strings.TrimSpace(*in.Name)
	}
	if in.Plan != nil {
		if no := rules.ChangePlan(actor); no != nil {
			return no
		}
		tier, ok := plan.Lookup(*in.Plan)
		if !ok {
			return &rules.Refusal{Code: api.CodeInvalidInput, Message: "No such plan.", Fields: map[string]string{"plan": "starter, professional, business or enterprise"}}
		}
		if no := rules.FitsPlan(tier, a.SeatsUsed()); no != nil {
			return no
		}
		a.Plan = tier.Key
	}
	if in.Policy != nil {
		next := *in.Policy
		if no := rules.ValidatePolicy(next, s.limits, func(id string) bool { _, ok := a.Role(id); return ok }); no != nil {
			return no
		}
		if no := rules.ChangePolicy(actor, a.Policy, next, s.limits); no != nil {
			return no
		}
		tf, was := next.TwoFactor, a.Policy.TwoFactor
		if tf.Required != "none" {
			// Nobody requires of others what they have not done themselves.
			if !a.Members[rec.ActorID()].TOTP {
				return &rules.Refusal{Code: api.CodeInvalidState, Message: "Turn on two-factor sign-in for yourself before requiring it of others."}
			}
			// The grace period runs from when the requirement began.
			next.TwoFactor.Since = was.Since
			if was.Required == "none" || was.Since.IsZero() {
				next.TwoFactor.Since = time.Now().UTC()
			}
		} else {
			next.TwoFactor.Since = time.Time{}
		}
		a.Policy = next
	}
	rec.Target = tenant.AuditTarget{Type: "account", ID: a.ID, Name: a.Name}
	rec.After = settings{a.Name, a.Plan, a.Policy, a.Modules}
	return nil
}

// modulesSummary says which modules were turned on and off, by name.
func modulesSummary(from, to []string) string {
	var on, off []string
	for _, m := range perm.Catalog {
		was, is := slices.Contains(from, m.Key), slices.Contains(to, m.Key)
		switch {
		case is && !was:
			on = append(on, m.Name)
		case was && !is:
			off = append(off, m.Name)
		}
	}
	var parts []string
	if len(on) > 0 {
		parts = append(parts, "Turned on "+strings.Join(on, ", "))
	}
	if len(off) > 0 {
		parts = append(parts, "Turned off "+strings.Join(off, ", "))
	}
	return strings.Join(parts, "; ")
}

// Undoers are the account's own changes that can be undone: a change of
// modules, or of name, plan and policy, put back while the account is
// still as it left them, under the rules of making it by hand (a plan
// must hold the seats in use, a policy the operator's limits).
func (s *Service) Undoers() map[string]edit.Undoer {
	return map[string]edit.Undoer{"account.modules": undoModules, "account.update": s.undoSettings}
}

func (s *Service) undoSettings(a *tenant.Account, actor rules.Actor, rec *edit.Record, orig *tenant.AuditRecord) error {
	if no := rules.ManageAccount(actor); no != nil {
		return no
	}
	var before, after settings
	if err := edit.BeforeAfter(orig, &before, &after); err != nil {
		return err
	}
	now, _ := json.Marshal(settings{a.Name, a.Plan, a.Policy, after.Modules})
	if then, _ := json.Marshal(after); string(now) != string(then) || !sameSet(a.Modules, after.Modules) {
		return &rules.Refusal{Code: api.CodeInvalidState, Message: "The account settings have changed since: undo the later change first."}
	}
	rec.Before = settings{a.Name, a.Plan, a.Policy, a.Modules}
	if !sameSet(before.Modules, after.Modules) {
		if no := rules.ChangeModules(actor); no != nil {
			return no
		}
		a.Modules = before.Modules
	}
	return s.settle(a, actor, rec, api.PatchAccount{Name: &before.Name, Plan: &before.Plan, Policy: &before.Policy})
}

func undoModules(a *tenant.Account, actor rules.Actor, rec *edit.Record, orig *tenant.AuditRecord) error {
	var before, after modules
	if err := edit.BeforeAfter(orig, &before, &after); err != nil {
		return err
	}
	if no := rules.ChangeModules(actor); no != nil {
		return no
	}
	if !sameSet(a.Modules, after.Modules) {
		return &rules.Refusal{Code: api.CodeInvalidState, Message: "The modules have changed since; turn them on or off on the Account page."}
	}
	rec.Before, rec.After = modules{a.Modules}, before
	a.Modules = before.Modules
	return nil
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
