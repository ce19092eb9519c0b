// Package client calls the console's HTTP API (shared/API.md) from the UI.
//
// In the browser it goes through the page's fetch (see fetch_js.go) rather
// than net/http, which would add about a megabyte to the wasm binary.
package client

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

// prefix is where the API lives, on the page's own origin.
const prefix = "/api/v1"

// request and response are what a transport moves: already-encoded JSON.
type request struct {
	Method string
	Path   string
	Body   []byte
	CSRF   string
}

type response struct {
	Status int
	Body   []byte
}

// transport sends one request. Tests replace it; New uses the platform's.
type transport func(context.Context, request) (response, error)

// Client is safe for concurrent use. The session itself is an HttpOnly
// cookie that only the browser handles; the client keeps the CSRF token that
// must accompany every change.
type Client struct {
	send transport

	mu   sync.Mutex
	csrf string
}

// New returns a client for the page's origin.
func New() *Client {
	return &Client{send: platformTransport}
}

func (c *Client) token() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.csrf
}

func (c *Client) setToken(t string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.csrf = t
}

// do sends in as JSON (when not nil) and decodes the answer into out (when
// not nil). Answers outside 2xx come back as *Error.
func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	req := request{Method: method, Path: prefix + path}
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("encoding %s %s: %w", method, path, err)
		}
		req.Body = b
	}
	if changes(method) {
		req.CSRF = c.token()
	}
	resp, err := c.send(ctx, req)
	if err != nil {
		return err
	}
	if resp.Status < 200 || resp.Status > 299 {
		e := decodeError(resp)
		if e.Status == 401 {
			// The session is gone, and its token with it.
			c.setToken("")
		}
		return e
	}
	if out == nil || len(resp.Body) == 0 {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		return fmt.Errorf("decoding %s %s: %w", method, path, err)
	}
	return nil
}

// changes reports whether the method changes something, so needs the token.
func changes(method string) bool {
	switch method {
	case "POST", "PUT", "PATCH", "DELETE":
		return true
	}
	return false
}
