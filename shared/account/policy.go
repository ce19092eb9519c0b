// Package account holds the per-account security policy.
package account

import (
	"encoding/json"
	"time"
)

// Policy is the account's set of switches.
type Policy struct {
	TwoFactor TwoFactor `json:"two_factor" bson:"two_factor"`
	// Ladder: role changes may only go up the ladder (a promotion-only
	// hierarchy: nobody is moved down by a role change).
	Ladder bool `json:"ladder" bson:"ladder"`
	// Overrides: per-user grants and denies on top of the role (seeds 000, 001).
	Overrides bool `json:"overrides" bson:"overrides"`
	// Session lifetimes in minutes; 0 keeps the server's defaults.
	SessionIdleMinutes     int `json:"session_idle_minutes" bson:"session_idle_minutes"`
	SessionAbsoluteMinutes int `json:"session_absolute_minutes" bson:"session_absolute_minutes"`
	// PasswordMinLength is the shortest new password, in characters; 0
	// keeps DefaultPasswordMinLength. A super admin may lower it to
	// PasswordMinLengthFloor (NIST 800-63B's least), never below.
	PasswordMinLength int `json:"password_min_length" bson:"password_min_length"`
}

// Bounds of Policy.PasswordMinLength: 12 by default (OWASP ASVS 2.1.1),
// 8 at least (NIST 800-63B), 64 at most (the longest anyone must accept).
const (
	DefaultPasswordMinLength = 12
	PasswordMinLengthFloor   = 8
	PasswordMinLengthCeiling = 64
	// PasswordMaxLength bounds any password, in characters (NIST 800-63B
	// asks that at least 64 be accepted).
	PasswordMaxLength = 128
)

// PasswordMin is the shortest new password the policy allows.
func (p Policy) PasswordMin() int {
	if p.PasswordMinLength == 0 {
		return DefaultPasswordMinLength
	}
	return max(p.PasswordMinLength, PasswordMinLengthFloor)
}

// TwoFactor says who must use two-factor sign-in.
type TwoFactor struct {
	// Required is "none", "all" or "roles" (then Roles lists the role ids).
	Required  string   `json:"required" bson:"required"`
	Roles     []string `json:"roles" bson:"roles"`
	GraceDays int      `json:"grace_days" bson:"grace_days"`
	// Since is when the requirement took effect; the grace period runs from
	// it. Set by the server.
	Since time.Time `json:"since" bson:"since"`
}

// MarshalJSON writes a policy naming no roles with "roles": [], never
// null: the contract's lists are lists.
func (t TwoFactor) MarshalJSON() ([]byte, error) {
	type plain TwoFactor
	if t.Roles == nil {
		t.Roles = []string{}
	}
	return json.Marshal(plain(t))
}

// Requires reports whether the policy requires two-factor sign-in of a
// holder of the role.
func (t TwoFactor) Requires(roleID string) bool {
	switch t.Required {
	case "all":
		return true
	case "roles":
		for _, r := range t.Roles {
			if r == roleID {
				return true
			}
		}
	}
	return false
}

// Deadline is when the grace period ends.
func (t TwoFactor) Deadline() time.Time {
	return t.Since.Add(time.Duration(t.GraceDays) * 24 * time.Hour)
}

// SessionLimits are the operator's session lifetimes, in minutes: the
// longest any account's policy may allow.
type SessionLimits struct {
	IdleMinutes     int `json:"idle_minutes"`
	AbsoluteMinutes int `json:"absolute_minutes"`
}

// Idle is how long, in minutes, a session of an account with this policy
// may stay unused: the policy's figure within the limit, the limit when
// the policy sets none.
func (l SessionLimits) Idle(p Policy) int {
	return within(p.SessionIdleMinutes, l.IdleMinutes)
}

// Absolute is how long, in minutes, a session of an account with this
// policy may last.
func (l SessionLimits) Absolute(p Policy) int {
	return within(p.SessionAbsoluteMinutes, l.AbsoluteMinutes)
}

func within(m, limit int) int {
	if m <= 0 || m > limit {
		return limit
	}
	return m
}
