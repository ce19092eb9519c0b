package client

import (
	"context"
	"net/url"

	"github.com/rolesconsole/console/shared/api"
)

// call is do for an answer of type T: each endpoint below is one line.
func call[T any](ctx context.Context, c *Client, method, path string, in any) (T, error) {
	var out T
	if err := c.do(ctx, method, path, in, &out); err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// Permissions is the catalog: the modules enabled on the account, with their actions.
func (c *Client) Permissions(ctx context.Context) (api.Catalog, error) {
	return call[api.Catalog](ctx, c, "GET", "/permissions", nil)
}

// Roles lists the account's roles with how many users hold each.
func (c *Client) Roles(ctx context.Context) (api.RoleList, error) {
	return call[api.RoleList](ctx, c, "GET", "/roles", nil)
}

// CreateRole adds a role.
func (c *Client) CreateRole(ctx context.Context, in api.CreateRole) (api.Role, error) {
	return call[api.Role](ctx, c, "POST", "/roles", in)
}

// Role reads one role.
func (c *Client) Role(ctx context.Context, id string) (api.Role, error) {
	return call[api.Role](ctx, c, "GET", "/roles/"+url.PathEscape(id), nil)
}

// PatchRole changes the fields of a role that in sets.
func (c *Client) PatchRole(ctx context.Context, id string, in api.PatchRole) (api.Role, error) {
	return call[api.Role](ctx, c, "PATCH", "/roles/"+url.PathEscape(id), in)
}

// DeleteRole deletes a role; its holders are left without one.
func (c *Client) DeleteRole(ctx context.Context, id string) error {
	return c.do(ctx, "DELETE", "/roles/"+url.PathEscape(id), nil, nil)
}

// SetGrant grants or revokes one permission of a role ("m.a" or "m.a:own"),
// in force at once; it answers the role as it now is.
func (c *Client) SetGrant(ctx context.Context, roleID, permission string, granted bool) (api.Role, error) {
	return call[api.Role](ctx, c, "PUT", "/roles/"+url.PathEscape(roleID)+"/permissions/"+url.PathEscape(permission), api.Toggle{Granted: &granted})
}

// Matrix is every role against every permission.
func (c *Client) Matrix(ctx context.Context) (api.Matrix, error) {
	return call[api.Matrix](ctx, c, "GET", "/matrix", nil)
}

// Audit reads one page of the audit log, newest first; cursor "" is the first page.
func (c *Client) Audit(ctx context.Context, cursor string) (api.AuditPage, error) {
	path := "/audit"
	if cursor != "" {
		path += "?cursor=" + url.QueryEscape(cursor)
	}
	return call[api.AuditPage](ctx, c, "GET", path, nil)
}

// Revert undoes one audited change; it answers the entry that records the undo.
func (c *Client) Revert(ctx context.Context, id string) (api.AuditEntry, error) {
	return call[api.AuditEntry](ctx, c, "POST", "/audit/"+url.PathEscape(id)+"/revert", nil)
}
