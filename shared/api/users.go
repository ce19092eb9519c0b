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
// pending invitations apart (seed 002).
type UserStats struct {
	ByRole         map[string]int `json:"by_role"`
	PendingInvites int            `json:"pending_invites"`
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

// PatchAccount is the body of PATCH /api/v1/account.
type PatchAccount struct {
	Name   *string         `json:"name,omitempty"`
	Plan   *string         `json:"plan,omitempty"`
	Policy *account.Policy `json:"policy,omitempty"`
}

// MailMessage is one email of the outbox (GET /api/v1/mail), kept when no
// SMTP server is configured.
type MailMessage struct {
	ID      string    `json:"id"`
	At      time.Time `json:"at"`
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	Text    string    `json:"text"`
}

// MailList is GET /api/v1/mail.
type MailList struct {
	Items []MailMessage `json:"items"`
}
