package client

import (
	"context"
	"net/url"

	"github.com/rolesconsole/console/shared/api"
)

// Login signs in; the server sets the session cookie.
func (c *Client) Login(ctx context.Context, req api.LoginRequest) (api.LoginResponse, error) {
	var resp api.LoginResponse
	if err := c.do(ctx, "POST", "/auth/login", req, &resp); err != nil {
		return api.LoginResponse{}, err
	}
	c.setToken(resp.CSRFToken)
	return resp, nil
}

// Logout ends the session. The token goes either way: a refused logout
// (already signed out) leaves nothing worth protecting.
func (c *Client) Logout(ctx context.Context) error {
	err := c.do(ctx, "POST", "/auth/logout", nil, nil)
	c.setToken("")
	return err
}

// Me says who is signed in, where, and what they may do.
func (c *Client) Me(ctx context.Context) (api.Me, error) {
	var me api.Me
	if err := c.do(ctx, "GET", "/me", nil, &me); err != nil {
		return api.Me{}, err
	}
	c.setToken(me.CSRFToken)
	return me, nil
}

// Accounts lists the accounts the session may act in, the current first.
func (c *Client) Accounts(ctx context.Context) (api.AccountChoices, error) {
	var out api.AccountChoices
	err := c.do(ctx, "GET", "/me/accounts", nil, &out)
	return out, err
}

// SwitchAccount acts in another of those accounts: a new session there,
// whose CSRF token the client keeps from now on.
func (c *Client) SwitchAccount(ctx context.Context, id string, in api.SwitchAccount) (api.LoginResponse, error) {
	var resp api.LoginResponse
	if err := c.do(ctx, "POST", "/me/accounts/"+url.PathEscape(id)+"/switch", in, &resp); err != nil {
		return api.LoginResponse{}, err
	}
	c.setToken(resp.CSRFToken)
	return resp, nil
}

// JoinInvite takes an invitation as the person signed in; the session
// that answers acts in the account that invited them.
func (c *Client) JoinInvite(ctx context.Context, token string) (api.LoginResponse, error) {
	var resp api.LoginResponse
	if err := c.do(ctx, "POST", "/me/invites/accept", api.JoinInvite{Token: token}, &resp); err != nil {
		return api.LoginResponse{}, err
	}
	c.setToken(resp.CSRFToken)
	return resp, nil
}

// CheckInvite reads what an invitation link is for, leaving it unspent.
func (c *Client) CheckInvite(ctx context.Context, token string) (api.Invitation, error) {
	var out api.Invitation
	err := c.do(ctx, "POST", "/auth/invites/check", api.CheckInvite{Token: token}, &out)
	return out, err
}

// AcceptInvite takes an invitation: the person names themselves, chooses a
// password and is signed in, as by Login.
func (c *Client) AcceptInvite(ctx context.Context, in api.AcceptInvite) (api.LoginResponse, error) {
	var resp api.LoginResponse
	if err := c.do(ctx, "POST", "/auth/invites/accept", in, &resp); err != nil {
		return api.LoginResponse{}, err
	}
	c.setToken(resp.CSRFToken)
	return resp, nil
}

// ForgotPassword asks for a reset link by email; the answer is the same
// whether or not the email has an account.
func (c *Client) ForgotPassword(ctx context.Context, email string) error {
	return c.do(ctx, "POST", "/auth/password/forgot", api.ForgotPassword{Email: email}, nil)
}

// NewPassword sets one's password from a reset link's token; every session
// of the user ends. (ResetPassword is an admin's reset of someone else's.)
func (c *Client) NewPassword(ctx context.Context, in api.NewPassword) error {
	return c.do(ctx, "POST", "/auth/password/reset", in, nil)
}
