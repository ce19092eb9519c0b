package client

import (
	"context"
	"net/url"

	"github.com/rolesconsole/console/shared/api"
)

// Preset is the set-up the account started from, with its default roles.
func (c *Client) Preset(ctx context.Context) (api.Preset, error) {
	return call[api.Preset](ctx, c, "GET", "/preset", nil)
}

// ResetRole puts a role's name, description, colour and grants back to the
// preset's defaults; it answers the role as it now is.
func (c *Client) ResetRole(ctx context.Context, id string) (api.Role, error) {
	return call[api.Role](ctx, c, "POST", "/roles/"+url.PathEscape(id)+"/reset", nil)
}
