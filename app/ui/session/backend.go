// Package session is what a page knows of the signed-in person and of the
// server: the backend it calls (API, swapped by tests), the shared api.Me,
// the paths between pages, the loader that runs a page's fetches in order,
// the confirmation runner, and the sentences that say why a call failed.
package session

import (
	"context"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// Backend is the part of the API the pages call; tests swap in a fake.
type Backend interface {
	Login(context.Context, api.LoginRequest) (api.LoginResponse, error)
	Logout(context.Context) error
	Me(context.Context) (api.Me, error)
	Accounts(context.Context) (api.AccountChoices, error)
	SwitchAccount(ctx context.Context, id string, in api.SwitchAccount) (api.LoginResponse, error)

	Roles(context.Context) (api.RoleList, error)
	Matrix(context.Context) (api.Matrix, error)
	CreateRole(context.Context, api.CreateRole) (api.Role, error)
	PatchRole(context.Context, string, api.PatchRole) (api.Role, error)
	DeleteRole(context.Context, string) error
	SetGrant(ctx context.Context, roleID, permission string, granted bool) (api.Role, error)

	Audit(ctx context.Context, cursor string) (api.AuditPage, error)
	Revert(ctx context.Context, id string) (api.AuditEntry, error)

	Users(context.Context, client.UserQuery) (api.UserList, error)
	UserStats(context.Context) (api.UserStats, error)
	CreateUser(context.Context, api.CreateUser) (api.User, error)
	PatchUser(ctx context.Context, id string, in api.PatchUser) (api.User, error)
	Effective(ctx context.Context, id string) (api.Effective, error)
	Act(ctx context.Context, id, action string) (api.User, error)
	DeleteUser(ctx context.Context, id string, purge bool) error
	ResetPassword(ctx context.Context, id string, in api.ResetPassword) error
	Reset2FA(ctx context.Context, id string) error
	Remind2FA(ctx context.Context, id string) error
	EndUserSessions(ctx context.Context, id string) error
	User(ctx context.Context, id string) (api.User, error)
	ClearLockout(ctx context.Context, id string) error

	Plans(context.Context) (client.PlanList, error)
	Account(context.Context) (api.Account, error)
	PatchAccount(context.Context, api.PatchAccount) (api.Account, error)
	Mail(context.Context) (api.MailList, error)
	Suggestions(context.Context) (api.Suggestions, error)

	EnrollTOTP(context.Context) (api.TOTPEnrollment, error)
	ConfirmTOTP(ctx context.Context, code string) (api.RecoveryCodes, error)
	DisableTOTP(ctx context.Context, in api.DisableTOTP) error
	ChangePassword(context.Context, api.ChangePassword) error
	Sessions(context.Context) (api.SessionList, error)
	EndSession(ctx context.Context, id string, current bool) error

	CheckInvite(ctx context.Context, token string) (api.Invitation, error)
	AcceptInvite(context.Context, api.AcceptInvite) (api.LoginResponse, error)
	JoinInvite(ctx context.Context, token string) (api.LoginResponse, error)
	ForgotPassword(ctx context.Context, email string) error
	NewPassword(context.Context, api.NewPassword) error

	Preset(context.Context) (api.Preset, error)
	ResetRole(ctx context.Context, id string) (api.Role, error)
}

// API is the backend every page calls: the browser's client of the
// server's API, whose session and CSRF token it keeps. Tests swap in a
// fake (uitest.Use).
var API Backend = client.New()
