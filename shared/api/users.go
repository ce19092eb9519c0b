package api

import (
	"time"

	"github.com/rolesconsole/console/shared/account"
	"github.com/rolesconsole/console/shared/perm"
)

// UserList is GET /api/v1/users.
type UserList struct {
	Items      []User `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// UserStats is GET /api/v1/users/stats: active users per role, and the
// pending invitations apart, as front desks count who is still to join.
type UserStats struct {
	ByRole         map[string]int `json:"by_role"`
	PendingInvites int            `json:"pending_invites"`
	// SuperAdmins counts the account's active super admins, those the
	// viewer may not see included: the last one may not be disabled,
	// revoked, deleted or moved to another role (rules.LastSuperAdmin).
	SuperAdmins int `json:"super_admins"`
	// CappedSeats counts, for each role with a cap (max holders), the
	// members holding a seat with it, those the viewer may not see
	// included: what the cap's rule counts.
	CappedSeats map[string]int `json:"capped_seats"`
	// RoleOrder is the account's role ids in its own order, so that the
	// counts read in that order for those who may not read the roles.
	RoleOrder []string `json:"role_order"`
	// SeatsUsed counts the seats in use, as /me's account does, those the
	// viewer may not see included: read with the list, the Users page's
	// seat line never disagrees with it.
	SeatsUsed int `json:"seats_used"`
}

// PatchUser is the body of PATCH /api/v1/users/{id}: only the fields sent change.
type PatchUser struct {
	Name      *string         `json:"name,omitempty"`
	RoleID    *string         `json:"role_id,omitempty"`
	Overrides *perm.Overrides `json:"overrides,omitempty"`
}

// ResetPassword is the body of POST /api/v1/users/{id}/reset-password:
// mode "email" sends a reset link, mode "set" sets Password.
type ResetPassword struct {
	Mode     string `json:"mode"`
	Password string `json:"password,omitempty"`
}

// ForgotPassword is the body of POST /api/v1/auth/password/forgot.
type ForgotPassword struct {
	Email string `json:"email"`
}

// NewPassword is the body of POST /api/v1/auth/password/reset.
type NewPassword struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

// AcceptInvite is the body of POST /api/v1/auth/invites/accept.
type AcceptInvite struct {
	Token    string `json:"token"`
	Name     string `json:"name"`
	Password string `json:"password"`
}

// CheckInvite is the body of POST /api/v1/auth/invites/check: the token
// travels in the body, as for accepting, so that it stays out of URLs and
// their logs.
type CheckInvite struct {
	Token string `json:"token"`
}

// Invitation is what POST /api/v1/auth/invites/check tells the holder of a
// working invitation link, before they accept it: where they are invited,
// as whom, and the name the admin typed for them. Nothing else.
type Invitation struct {
	// Account is the account's display name (the clinic).
	Account string `json:"account"`
	Email   string `json:"email"`
	// Role is the name the account gives the role they are invited to.
	Role string `json:"role"`
	// Name is the name the admin typed, for the person to keep or correct.
	Name string `json:"name"`
}

// PatchAccount is the body of PATCH /api/v1/account.
type PatchAccount struct {
	Name   *string         `json:"name,omitempty"`
	Plan   *string         `json:"plan,omitempty"`
	Policy *account.Policy `json:"policy,omitempty"`
	// Modules are the optional modules the account has on, all of them:
	// a module left out is turned off (its grants stay stored).
	Modules *[]string `json:"modules,omitempty"`
}

// MailMessage is one email of the outbox (GET /api/v1/mail), kept when no
// SMTP server is configured.
type MailMessage struct {
	ID      string    `json:"id"`
	At      time.Time `json:"at"`
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	Text    string    `json:"text"`
	// InviteFor and InviteLink are set on an invitation: the id of the
	// user it is for and its link, which the Users page copies from their
	// row (a newer invitation to them replaces the link).
	InviteFor  string `json:"invite_for,omitempty"`
	InviteLink string `json:"invite_link,omitempty"`
}

// MailList is GET /api/v1/mail.
type MailList struct {
	Items []MailMessage `json:"items"`
}

// TOTPEnrollment is POST /api/v1/me/totp/enroll: the secret to put in an
// authenticator app, as text, as an otpauth URL and as a QR code.
type TOTPEnrollment struct {
	Secret     string `json:"secret"`
	OTPAuthURL string `json:"otpauth_url"`
	QRPNG      string `json:"qr_png"`
}

// TOTPCode is the body of POST /api/v1/me/totp/confirm.
type TOTPCode struct {
	Code string `json:"code"`
}

// RecoveryCodes answer POST /api/v1/me/totp/confirm; shown once.
type RecoveryCodes struct {
	RecoveryCodes []string `json:"recovery_codes"`
}

// DisableTOTP is the body of DELETE /api/v1/me/totp: the password and a
// current code or a recovery code, so that a session left open or a
// password alone cannot take the second factor away.
type DisableTOTP struct {
	Password     string `json:"password"`
	Code         string `json:"code,omitempty"`
	RecoveryCode string `json:"recovery_code,omitempty"`
}

// TwoFactorStatus tells the signed-in user where they stand with 2FA.
type TwoFactorStatus struct {
	Enabled bool `json:"enabled"`
	// Required by the account's policy for this user.
	Required bool `json:"required"`
	// EnrollBy is the end of the grace period, when required and not enabled.
	EnrollBy *time.Time `json:"enroll_by,omitempty"`
	// MustEnroll: the grace period is over; nothing but enrolment is allowed.
	MustEnroll bool `json:"must_enroll"`
}

// Session is one signed-in browser or script of the user.
type Session struct {
	ID        string    `json:"id"`
	IP        string    `json:"ip"`
	UserAgent string    `json:"user_agent"`
	Device    string    `json:"device"`
	CreatedAt time.Time `json:"created_at"`
	LastSeen  time.Time `json:"last_seen"`
	Current   bool      `json:"current"`
}

// SessionList is GET /api/v1/me/sessions.
type SessionList struct {
	Items []Session `json:"items"`
}

// Suggestion is one finding of the security panel.
type Suggestion struct {
	Kind     string           `json:"kind"`
	Severity string           `json:"severity"`
	Title    string           `json:"title"`
	Advice   string           `json:"advice"`
	Users    []SuggestionUser `json:"users"`
	// Fix names the one-click fix the console offers: "open_user",
	// "remind", "enable", "assign_role", "revoke", "resend_invite", or "".
	Fix string `json:"fix"`
}

// SuggestionUser is a person a finding is about.
type SuggestionUser struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Detail string `json:"detail,omitempty"`
}

// Suggestions is GET /api/v1/security/suggestions: the findings (checks
// that fail) and the score.
type Suggestions struct {
	Passed int          `json:"passed"`
	Total  int          `json:"total"`
	Items  []Suggestion `json:"items"`
}

// ChangePassword is the body of POST /api/v1/me/password.
type ChangePassword struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}
