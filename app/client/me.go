package client

import (
	"context"
	"net/url"

	"github.com/rolesconsole/console/shared/api"
)

// EnrollTOTP starts two-factor enrolment: a new secret, as text, URL and QR code.
func (c *Client) EnrollTOTP(ctx context.Context) (api.TOTPEnrollment, error) {
	return call[api.TOTPEnrollment](ctx, c, "POST", "/me/totp/enroll", nil)
}

// ConfirmTOTP turns two-factor sign-in on with a first code; the recovery
// codes it answers are shown this once.
func (c *Client) ConfirmTOTP(ctx context.Context, code string) (api.RecoveryCodes, error) {
	return call[api.RecoveryCodes](ctx, c, "POST", "/me/totp/confirm", api.TOTPCode{Code: code})
}

// DisableTOTP turns one's own two-factor sign-in off, with one's password
// and a current code or a recovery code.
func (c *Client) DisableTOTP(ctx context.Context, in api.DisableTOTP) error {
	return c.do(ctx, "DELETE", "/me/totp", in, nil)
}

// ChangePassword changes one's own password; one's other sessions end.
func (c *Client) ChangePassword(ctx context.Context, in api.ChangePassword) error {
	return c.do(ctx, "POST", "/me/password", in, nil)
}

// Sessions lists where one is signed in.
func (c *Client) Sessions(ctx context.Context) (api.SessionList, error) {
	return call[api.SessionList](ctx, c, "GET", "/me/sessions", nil)
}

// EndSession signs one of one's sessions out; ending the current one is a
// sign-out, and drops the token.
func (c *Client) EndSession(ctx context.Context, id string, current bool) error {
	err := c.do(ctx, "DELETE", "/me/sessions/"+url.PathEscape(id), nil, nil)
	if err == nil && current {
		c.setToken("")
	}
	return err
}
