//go:build !js

package client

import (
	"context"
	"errors"
)

// The server compiles the UI to prerender pages; there is no session to call
// the API with, so every call fails.
var errNoBrowser = errors.New("not running in a browser")

func platformTransport(context.Context, request) (response, error) {
	return response{}, errNoBrowser
}
