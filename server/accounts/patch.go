package accounts

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
	"github.com/rolesconsole/console/shared/rules"
)

// settings is what the audit log keeps of an account's own fields.
type settings struct {
	Name   string         `json:"name"`
	Plan   string         `json:"plan"`
	Policy account.Policy `json:"policy"`
}

// Patch changes the account's name, plan or policy. A plan with fewer
// seats than are in use is refused.
func Patch(ctx context.Context, st *store.Store, p *auth.Principal, in api.PatchAccount) (*store.Account, error) {
	if in.Name != nil {
		if n := utf8.RuneCountInString(strings.TrimSpace(*in.Name)); n == 0 || n > 200 {
			return nil, &rules.Refusal{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.", Fields: map[string]string{"name": "Enter a name of at most 200 characters."}}
		}
	}
	a, _, err := edit.Apply(ctx, st, p, time.Now(), func(a *store.Account, actor rules.Actor, rec *edit.Record) error {
		if no := rules.ManageAccount(actor); no != nil {
			return no
		}
		before := settings{a.Name, a.Plan, a.Policy}
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
			if used := a.SeatsUsed(); used > tier.Seats {
				return &rules.Refusal{Code: api.CodeSeatLimitReached, Message: tier.Name + " has " + strconv.Itoa(tier.Seats) + " seats and " + strconv.Itoa(used) + " are in use; revoke or delete users first."}
			}
			a.Plan = tier.Key
		}
		if in.Policy != nil {
			next := *in.Policy
			if no := checkPolicy(a, next); no != nil {
				return no
			}
			tf, was := next.TwoFactor, a.Policy.TwoFactor
			if tf.Required != "none" {
				// Nobody requires of others what they have not done themselves.
				if !a.Members[p.Session.UserID].TOTP {
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
		rec.Action, rec.Summary = "account.update", "Changed the account settings"
		rec.Target = store.AuditTarget{Type: "account", ID: a.ID, Name: a.Name}
		rec.Before, rec.After = before, settings{a.Name, a.Plan, a.Policy}
		return nil
	})
	return a, err
}

func checkPolicy(a *store.Account, p account.Policy) *rules.Refusal {
	fields := map[string]string{}
	switch p.TwoFactor.Required {
	case "none", "all":
	case "roles":
		for _, id := range p.TwoFactor.Roles {
			if _, ok := a.Role(id); !ok {
				fields["two_factor.roles"] = "Unknown role " + id + "."
			}
		}
	default:
		fields["two_factor.required"] = `Use "none", "all" or "roles".`
	}
	if p.TwoFactor.GraceDays < 0 || p.TwoFactor.GraceDays > 90 {
		fields["two_factor.grace_days"] = "0 to 90 days."
	}
	if p.SessionIdleMinutes < 0 || p.SessionIdleMinutes > 24*60 {
		fields["session_idle_minutes"] = "0 (the default) to 1440 minutes."
	}
	if p.SessionAbsoluteMinutes < 0 || p.SessionAbsoluteMinutes > 30*24*60 {
		fields["session_absolute_minutes"] = "0 (the default) to 43200 minutes."
	}
	if len(fields) > 0 {
		return &rules.Refusal{Code: api.CodeInvalidInput, Message: "Check the highlighted fields.", Fields: fields}
	}
	return nil
}
