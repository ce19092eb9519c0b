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
}

var server backend = client.New()
