package rules

import (
	"slices"
	"strconv"

	"github.com/rolesconsole/console/shared/account"
)

// ChangePolicy decides whether the actor may move the account's policy
// from before to next. Tightening a protection is anyone's with
// account.manage; switching one off or relaxing it is a super admin's
// alone, or an admin could relax a rule and then break it (switch the
// ladder off, then demote).
func ChangePolicy(a Actor, before, next account.Policy, limits account.SessionLimits) *Refusal {
	if no := ManageAccount(a); no != nil {
		return no
	}
	if a.Subject.SuperAdmin() {
		return nil
	}
	if what := Relaxes(before, next, limits); what != "" {
		return refuse(CodeEscalation, "Only "+an(a.superAdmin())+" can "+what+".")
	}
	return nil
}

// Relaxes names the first protection next relaxes against before, as the
// rest of a sentence ("switch off the ladder"), or "" when it relaxes none.
func Relaxes(before, next account.Policy, limits account.SessionLimits) string {
	switch {
	case before.Ladder && !next.Ladder:
		return "switch off the promotion-only ladder"
	case before.Overrides != next.Overrides:
		// Either way someone may gain: stored per-user grants come back
		// into force, or per-user denies stop applying.
		return "switch per-user overrides on or off"
	case lessTwoFactor(before.TwoFactor, next.TwoFactor):
		return "require two-factor sign-in of fewer people"
	case before.TwoFactor.Required != "none" && next.TwoFactor.GraceDays > before.TwoFactor.GraceDays:
		return "give more time to turn on two-factor sign-in"
	case limits.Idle(next) > limits.Idle(before):
		return "let sessions stay idle longer"
	case limits.Absolute(next) > limits.Absolute(before):
		return "let sessions last longer"
	case next.PasswordMin() < before.PasswordMin():
		return "allow shorter passwords"
	}
	return ""
}

// lessTwoFactor reports whether someone two-factor sign-in was required of
// under before is no longer required to use it under next.
func lessTwoFactor(before, next account.TwoFactor) bool {
	switch before.Required {
	case "all":
		return next.Required != "all"
	case "roles":
		if next.Required == "all" {
			return false
		}
		for _, r := range before.Roles {
			if next.Required != "roles" || !slices.Contains(next.Roles, r) {
				return true
			}
		}
	}
	return false
}

// ValidatePolicy checks a policy's values: known 2FA modes, a grace period
// of 0 to 90 days, session lifetimes within the operator's limits, which
// a policy may shorten and never lengthen, and a password minimum of 8 to
// 64 characters. roleExists says whether a
// role id is the account's.
func ValidatePolicy(p account.Policy, limits account.SessionLimits, roleExists func(string) bool) *Refusal {
	fields := map[string]string{}
	switch p.TwoFactor.Required {
	case "none", "all":
	case "roles":
		for _, id := range p.TwoFactor.Roles {
			if !roleExists(id) {
				fields["two_factor.roles"] = "Unknown role " + id + "."
			}
		}
	default:
		fields["two_factor.required"] = `Use "none", "all" or "roles".`
	}
	if p.TwoFactor.GraceDays < 0 || p.TwoFactor.GraceDays > 90 {
		fields["two_factor.grace_days"] = "0 to 90 days."
	}
	if p.SessionIdleMinutes < 0 || p.SessionIdleMinutes > limits.IdleMinutes {
		fields["session_idle_minutes"] = "0 (the server's limit) to " + strconv.Itoa(limits.IdleMinutes) + " minutes."
	}
	if p.SessionAbsoluteMinutes < 0 || p.SessionAbsoluteMinutes > limits.AbsoluteMinutes {
		fields["session_absolute_minutes"] = "0 (the server's limit) to " + strconv.Itoa(limits.AbsoluteMinutes) + " minutes."
	}
	if n := p.PasswordMinLength; n != 0 && (n < account.PasswordMinLengthFloor || n > account.PasswordMinLengthCeiling) {
		fields["password_min_length"] = "0 (the default, " + strconv.Itoa(account.DefaultPasswordMinLength) + ") or " +
			strconv.Itoa(account.PasswordMinLengthFloor) + " to " + strconv.Itoa(account.PasswordMinLengthCeiling) + " characters."
	}
	if len(fields) > 0 {
		return &Refusal{Code: CodeInvalidInput, Message: "Check the highlighted fields.", Fields: fields}
	}
	return nil
}
