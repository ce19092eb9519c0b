package client

import (
	"context"
	"net/url"
	"strconv"

	"github.com/rolesconsole/console/shared/api"
)

// UserQuery narrows GET /users; the zero value lists everyone, first page.
type UserQuery struct {
	Status string // invited, active, disabled, revoked or deleted; "" for all
	Role   string // a role id; "" for all
	Q      string // part of a name or an email
	Limit  int    // 1 to 200; 0 for the server's default (50)
	Cursor string
}

func (q UserQuery) encode() string {
	v := url.Values{}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Role != "" {
		v.Set("role", q.Role)
	}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	if q.Limit > 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	if q.Cursor != "" {
		v.Set("cursor", q.Cursor)
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

func userPath(id string) string { return "/users/" + url.PathEscape(id) }

// Users reads one page of the account's users, by name.
func (c *Client) Users(ctx context.Context, q UserQuery) (api.UserList, error) {
	return call[api.UserList](ctx, c, "GET", "/users"+q.encode(), nil)
}

// UserStats counts active users per role, and pending invitations apart.
func (c *Client) UserStats(ctx context.Context) (api.UserStats, error) {
	return call[api.UserStats](ctx, c, "GET", "/users/stats", nil)
}

// CreateUser adds a user: active with a password, else invited by email.
func (c *Client) CreateUser(ctx context.Context, in api.CreateUser) (api.User, error) {
	return call[api.User](ctx, c, "POST", "/users", in)
}

// User reads one user.
func (c *Client) User(ctx context.Context, id string) (api.User, error) {
	return call[api.User](ctx, c, "GET", userPath(id), nil)
}

// PatchUser changes a user's name, role or overrides (the fields in sets).
func (c *Client) PatchUser(ctx context.Context, id string, in api.PatchUser) (api.User, error) {
	return call[api.User](ctx, c, "PATCH", userPath(id), in)
}

// Effective lists what a user may do and where each permission comes from.
func (c *Client) Effective(ctx context.Context, id string) (api.Effective, error) {
	return call[api.Effective](ctx, c, "GET", userPath(id)+"/effective", nil)
}

// Act applies a lifecycle action that answers the user: disable, enable,
// revoke, restore, or invite (which sends a new invitation).
func (c *Client) Act(ctx context.Context, id, action string) (api.User, error) {
	return call[api.User](ctx, c, "POST", userPath(id)+"/"+url.PathEscape(action), nil)
}

// DeleteUser moves a user to Deleted, from where they can be restored; with
// purge, a deleted user is removed for good.
func (c *Client) DeleteUser(ctx context.Context, id string, purge bool) error {
	path := userPath(id)
	if purge {
		path += "?purge=true"
	}
	return c.do(ctx, "DELETE", path, nil, nil)
}

// ResetPassword mails the user a reset link (mode "email") or sets a new
// password (mode "set").
func (c *Client) ResetPassword(ctx context.Context, id string, in api.ResetPassword) error {
	return c.do(ctx, "POST", userPath(id)+"/reset-password", in, nil)
}

// Reset2FA turns another user's two-factor sign-in off (a lost device).
func (c *Client) Reset2FA(ctx context.Context, id string) error {
	return c.do(ctx, "POST", userPath(id)+"/reset-2fa", nil, nil)
}

// Remind2FA emails a user a reminder to turn two-factor sign-in on.
func (c *Client) Remind2FA(ctx context.Context, id string) error {
	return c.do(ctx, "POST", userPath(id)+"/remind-2fa", nil, nil)
}

// ClearLockout lets a user whom failed sign-ins slowed down sign in again
// at once, from any browser.
func (c *Client) ClearLockout(ctx context.Context, id string) error {
	return c.do(ctx, "DELETE", userPath(id)+"/lockout", nil, nil)
}

// EndUserSessions signs a user out everywhere.
func (c *Client) EndUserSessions(ctx context.Context, id string) error {
	return c.do(ctx, "DELETE", userPath(id)+"/sessions", nil, nil)
}
