//go:build js

package client

// Run with: GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./app/client
// (Node 18 or later: it has fetch, Headers and Response.)

import (
	"context"
	"syscall/js"
	"testing"
)

// stubFetch replaces the global fetch with one that records its arguments
// (globals lastFetchURL, lastFetchInit) and answers with the given status and
// body, or rejects when status is 0.
func stubFetch(t *testing.T, status int, body string) {
	t.Helper()
	original := js.Global().Get("fetch")
	stub := js.FuncOf(func(_ js.Value, args []js.Value) any {
		js.Global().Set("lastFetchURL", args[0])
		js.Global().Set("lastFetchInit", args[1])
		if status == 0 {
			return js.Global().Get("Promise").Call("reject", js.Global().Get("TypeError").New("Failed to fetch"))
		}
		opts := js.Global().Get("Object").New()
		opts.Set("status", status)
		return js.Global().Get("Promise").Call("resolve", js.Global().Get("Response").New(body, opts))
	})
	js.Global().Set("fetch", stub)
	t.Cleanup(func() {
		js.Global().Set("fetch", original)
		stub.Release()
	})
}

func TestFetchSendsJSONAndToken(t *testing.T) {
	stubFetch(t, 200, `{"user":{"id":"u1"},"csrf_token":"t1"}`)
	c := New()
	c.setToken("t0")
	if err := c.do(context.Background(), "POST", "/auth/login", map[string]string{"email": "a@b.c"}, nil); err != nil {
		t.Fatal(err)
	}
	init := js.Global().Get("lastFetchInit")
	headers := init.Get("headers")
	checks := map[string]string{
		"url":          js.Global().Get("lastFetchURL").String(),
		"method":       init.Get("method").String(),
		"credentials":  init.Get("credentials").String(),
		"body":         init.Get("body").String(),
		"content-type": headers.Call("get", "Content-Type").String(),
		"csrf":         headers.Call("get", "X-CSRF-Token").String(),
	}
	want := map[string]string{
		"url":          "/api/v1/auth/login",
		"method":       "POST",
		"credentials":  "same-origin",
		"body":         `{"email":"a@b.c"}`,
		"content-type": "application/json",
		"csrf":         "t0",
	}
	for k, w := range want {
		if checks[k] != w {
			t.Errorf("%s = %q, want %q", k, checks[k], w)
		}
	}
}

func TestFetchReadsErrors(t *testing.T) {
	stubFetch(t, 429, `{"error":{"code":"too_many_attempts","message":"later"}}`)
	_, err := New().Me(context.Background())
	if Code(err) != "too_many_attempts" {
		t.Fatalf("err = %v", err)
	}
}

func TestFetchFailureIsUnavailable(t *testing.T) {
	stubFetch(t, 0, "")
	_, err := New().Me(context.Background())
	if e, ok := err.(*Error); !ok || e.Status != 0 || e.Body.Code != "unavailable" {
		t.Fatalf("err = %#v", err)
	}
}

func TestFetchGetHasNoTokenOrBody(t *testing.T) {
	stubFetch(t, 200, `{}`)
	c := New()
	c.setToken("t0")
	if _, err := c.Me(context.Background()); err != nil {
		t.Fatal(err)
	}
	init := js.Global().Get("lastFetchInit")
	if h := init.Get("headers").Call("get", "X-CSRF-Token"); !h.IsNull() {
		t.Errorf("GET sent X-CSRF-Token %q", h.String())
	}
	if b := init.Get("body"); !b.IsUndefined() {
		t.Errorf("GET sent a body %q", b.String())
	}
}
