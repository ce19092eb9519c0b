package ui

import (
	"context"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// backend is the part of the API the pages call; tests swap in a fake.
type backend interface {
	Login(context.Context, api.LoginRequest) (api.LoginResponse, error)
	Logout(context.Context) error
	Me(context.Context) (api.Me, error)

	Matrix(context.Context) (api.Matrix, error)
	CreateRole(context.Context, api.CreateRole) (api.Role, error)
	PatchRole(context.Context, string, api.PatchRole) (api.Role, error)
	DeleteRole(context.Context, string) error
	SetGrant(ctx context.Context, roleID, permission string, granted bool) (api.Role, error)

	Audit(ctx context.Context, cursor string) (api.AuditPage, error)
	Revert(ctx context.Context, id string) (api.AuditEntry, error)
}

var server backend = client.New()
