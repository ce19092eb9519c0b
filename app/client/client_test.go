package client

import (
	"context"
	"errors"
	"testing"

	"github.com/rolesconsole/console/shared/api"
)

// fake answers each request with the next canned response and records it.
type fake struct {
	answers []response
	sent    []request
}

func (f *fake) send(_ context.Context, req request) (response, error) {
	f.sent = append(f.sent, req)
	resp := f.answers[0]
	f.answers = f.answers[1:]
	return resp, nil
}

func newFake(answers ...response) (*Client, *fake) {
	f := &fake{answers: answers}
	return &Client{send: f.send}, f
}

func TestLoginKeepsTokenForChanges(t *testing.T) {
	c, f := newFake(
		response{Status: 200, Body: []byte(`{"user":{"id":"u1","name":"Ada"},"csrf_token":"t1"}`)},
		response{Status: 200, Body: []byte(`{"user":{"id":"u1"},"csrf_token":"t2"}`)},
		response{Status: 204},
	)
	ctx := context.Background()
	resp, err := c.Login(ctx, api.LoginRequest{Email: "ada@example.com", Password: "pw"})
	if err != nil || resp.User.Name != "Ada" {
		t.Fatalf("Login = %+v, %v", resp, err)
	}
	if _, err := c.Me(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Logout(ctx); err != nil {
		t.Fatal(err)
	}

	want := []request{
		{Method: "POST", Path: "/api/v1/auth/login", Body: []byte(`{"email":"ada@example.com","password":"pw"}`)},
		{Method: "GET", Path: "/api/v1/me"},
		{Method: "POST", Path: "/api/v1/auth/logout", CSRF: "t2"},
	}
	for i, w := range want {
		got := f.sent[i]
		if got.Method != w.Method || got.Path != w.Path || string(got.Body) != string(w.Body) || got.CSRF != w.CSRF {
			t.Errorf("request %d = %+v (body %s), want %+v (body %s)", i, got, got.Body, w, w.Body)
		}
	}
	if c.token() != "" {
		t.Errorf("token after logout = %q", c.token())
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		answer response
		status int
		code   string
	}{
		{"contract body", response{Status: 401, Body: []byte(`{"error":{"code":"invalid_credentials","message":"no"}}`)}, 401, api.CodeInvalidCredentials},
		{"rate limited", response{Status: 429, Body: []byte(`{"error":{"code":"too_many_attempts","message":"slow down"}}`)}, 429, api.CodeTooManyAttempts},
		{"proxy page", response{Status: 502, Body: []byte(`<html>Bad gateway</html>`)}, 502, api.CodeUnavailable},
		{"empty 401", response{Status: 401}, 401, api.CodeUnauthenticated},
		{"odd status", response{Status: 418}, 418, api.CodeInternal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newFake(tt.answer)
			_, err := c.Me(context.Background())
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Status != tt.status || Code(err) != tt.code {
				t.Errorf("got %d %q, want %d %q", e.Status, Code(err), tt.status, tt.code)
			}
		})
	}
}

func TestUnauthenticatedDropsToken(t *testing.T) {
	c, _ := newFake(response{Status: 401, Body: []byte(`{"error":{"code":"unauthenticated"}}`)})
	c.setToken("stale")
	if _, err := c.Me(context.Background()); Code(err) != api.CodeUnauthenticated {
		t.Fatalf("err = %v", err)
	}
	if c.token() != "" {
		t.Errorf("token = %q, want none", c.token())
	}
}

func TestCodeOfOtherErrors(t *testing.T) {
	if got := Code(errors.New("boom")); got != "" {
		t.Errorf("Code = %q, want empty", got)
	}
}
