// Package api holds the JSON shapes of the HTTP API (described at
// /api/v1/openapi.json) that the server writes and the UI reads.
package api

import (
	"time"

	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/role"
	"github.com/rolesconsole/console/shared/rules"
)

// Error is the body of every 4xx and 5xx answer.
type Error struct {
	Error ErrorBody `json:"error"`
}

// ErrorBody says what went wrong; Fields only for validation errors.
type ErrorBody struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// Error codes of the contract.
const (
	CodeInvalidInput       = rules.CodeInvalidInput
	CodeUnauthenticated    = "unauthenticated"
	CodeInvalidCredentials = "invalid_credentials"
	CodeTOTPRequired       = "totp_required"
	CodeForbidden          = rules.CodeForbidden
	CodeCSRF               = "csrf"
	CodeNotFound           = rules.CodeNotFound
	CodeTooLarge           = "too_large"
	CodeTooManyAttempts    = "too_many_attempts"
	CodeUnavailable        = "unavailable"
	CodeInternal           = "internal"
)

// LoginRequest is the body of POST /api/v1/auth/login.
type LoginRequest struct {
	Email        string `json:"email"`
	Password     string `json:"password"`
	Code         string `json:"code,omitempty"`
	RecoveryCode string `json:"recovery_code,omitempty"`
}

// LoginResponse answers a successful sign-in.
type LoginResponse struct {
	User      User   `json:"user"`
	CSRFToken string `json:"csrf_token"`
	// Accounts are the accounts this sign-in opens, the one signed in to
	// (used last) first, when there are more than one: the UI offers to
	// choose (POST /me/accounts/{id}/switch).
	Accounts []AccountChoice `json:"accounts,omitempty"`
}

// AccountChoice is an account the signed-in person may act in.
type AccountChoice struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// RoleName is the person's role there, in that account's words.
	RoleName string `json:"role_name"`
	// Current: the session acts in this account.
	Current bool `json:"current"`
}

// AccountChoices is GET /api/v1/me/accounts.
type AccountChoices struct {
	Items []AccountChoice `json:"items"`
}

// JoinInvite is the body of POST /api/v1/me/invites/accept: an invitation
// to another account, taken by the person signed in with its email.
type JoinInvite struct {
	Token string `json:"token"`
}

// SwitchAccount is the body of POST /api/v1/me/accounts/{id}/switch: the
// second factor, when the person has it on in that account.
type SwitchAccount struct {
	Code         string `json:"code,omitempty"`
	RecoveryCode string `json:"recovery_code,omitempty"`
}

// User is a login as the API shows it.
type User struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Email       string     `json:"email"`
	RoleID      string     `json:"role_id"`
	Status      string     `json:"status"`
	TOTPEnabled bool       `json:"totp_enabled"`
	LastLoginAt *time.Time `json:"last_login_at"`
	CreatedAt   time.Time  `json:"created_at"`
	// InviteExpiresAt is when a pending invitation's link stops working;
	// InviteExpired says it has.
	InviteExpiresAt *time.Time `json:"invite_expires_at,omitempty"`
	InviteExpired   bool       `json:"invite_expired,omitempty"`
	// LockedUntil is until when failed sign-ins refuse this email from
	// browsers that never signed in with it (GET /users/{id} only); an
	// admin clears it with DELETE /users/{id}/lockout.
	LockedUntil *time.Time `json:"locked_until,omitempty"`
	// Overrides are the user's grants and denies on top of their role.
	Overrides perm.Overrides `json:"overrides"`
	// CreatedBy is who added the user, when the console knows.
	CreatedBy *Person `json:"created_by,omitempty"`
}

// Person names someone of the account: who made a change or added a user.
type Person struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Seats counts the seats in use against the plan's limit.
type Seats struct {
	Used int `json:"used"`
	// Limit is the plan's; absent for those who may not view billing.
	Limit int `json:"limit,omitempty"`
}

// Account is GET /api/v1/account.
type Account struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Plan is the subscription; absent for those who may not view billing.
	Plan    string         `json:"plan,omitempty"`
	Preset  string         `json:"preset"`
	Seats   Seats          `json:"seats"`
	Policy  account.Policy `json:"policy"`
	Modules []string       `json:"modules"`
	// SuperAdminRole is the name of the account's super-admin role, in
	// which the console's sentences speak of it.
	SuperAdminRole string `json:"super_admin_role"`
	Revision       int64  `json:"revision"`
	// SessionLimits are the server's session lifetimes: the longest the
	// policy may set.
	SessionLimits account.SessionLimits `json:"session_limits"`
	// InviteTTLHours is how long an invitation's link works.
	InviteTTLHours int `json:"invite_ttl_hours"`
}

// Actor is the signed-in person as the rules judge them, rebuilt from /me.
func (me Me) Actor() rules.Actor {
	return rules.ActorOf(me.User.RoleID, me.Role != nil && me.Role.SuperAdmin, me.Account.Modules, me.Permissions, me.Account.SuperAdminRole)
}

// Me is GET /api/v1/me: who is signed in, where, and what they may do.
type Me struct {
	User        User            `json:"user"`
	Role        *role.Role      `json:"role"`
	Account     Account         `json:"account"`
	Permissions []string        `json:"permissions"`
	CSRFToken   string          `json:"csrf_token"`
	TwoFactor   TwoFactorStatus `json:"two_factor"`
	// OtherAccounts counts the other accounts the sign-in opened, which
	// the session may switch to (GET /me/accounts names those still open).
	OtherAccounts int `json:"other_accounts"`
}

// Codes of the rules that refuse a change (409).
const (
	CodeSeatLimitReached = rules.CodeSeatLimitReached
	CodeLastSuperAdmin   = rules.CodeLastSuperAdmin
	CodeRoleCapReached   = rules.CodeRoleCapReached
	CodeLadderDemotion   = rules.CodeLadderDemotion
	CodeSelfRestriction  = rules.CodeSelfRestriction
	CodeEscalation       = rules.CodeEscalation
	CodeEmailTaken       = "email_taken"
	CodeStaleRevision    = "stale_revision"
	CodeInvalidState     = rules.CodeInvalidState
	// CodeNameTaken: a role's name is already used in the account.
	CodeNameTaken = rules.CodeNameTaken
	// CodeEnrollmentRequired: the account's policy requires two-factor
	// sign-in, the grace period is over, and the user has not enrolled.
	CodeEnrollmentRequired = "totp_enrollment_required"
)
