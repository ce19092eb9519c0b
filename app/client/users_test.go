package client

import (
	"context"
	"testing"

	"github.com/rolesconsole/console/shared/api"
)

// endpoint is one call of the client: what it sends, and that it reads the answer.
type endpoint struct {
	name   string
	status int
	answer string
	call   func(*Client) (any, error)
	want   request
	check  func(any) bool
}

func runEndpoints(t *testing.T, tests []endpoint) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status := tt.status
			if status == 0 {
				status = 200
			}
			c, f := newFake(response{Status: status, Body: []byte(tt.answer)})
			c.setToken("t")
			v, err := tt.call(c)
			if err != nil {
				t.Fatal(err)
			}
			got := f.sent[0]
			if got.Method != tt.want.Method || got.Path != tt.want.Path || string(got.Body) != string(tt.want.Body) || got.CSRF != tt.want.CSRF {
				t.Errorf("sent %+v (body %s), want %+v (body %s)", got, got.Body, tt.want, tt.want.Body)
			}
			if tt.check != nil && !tt.check(v) {
				t.Errorf("answer read as %+v", v)
			}
		})
	}
}

func TestUsersEndpoints(t *testing.T) {
	ctx := context.Background()
	name, roleID := "Ada", "admin"
	runEndpoints(t, []endpoint{
		{name: "list everyone", answer: `{"items":[{"id":"u1","status":"invited","invite_expired":true}],"next_cursor":"u1"}`,
			call: func(c *Client) (any, error) { return c.Users(ctx, UserQuery{}) },
			want: request{Method: "GET", Path: "/api/v1/users"},
			check: func(v any) bool {
				l := v.(api.UserList)
				return l.Items[0].InviteExpired && l.NextCursor == "u1"
			}},
		{name: "list filtered", answer: `{"items":[]}`,
			call: func(c *Client) (any, error) {
				return c.Users(ctx, UserQuery{Status: "active", Role: "staff", Q: "ann lee&x", Limit: 200, Cursor: "u9"})
			},
			want: request{Method: "GET", Path: "/api/v1/users?cursor=u9&limit=200&q=ann+lee%26x&role=staff&status=active"}},
		{name: "stats", answer: `{"by_role":{"admin":2},"pending_invites":3}`,
			call: func(c *Client) (any, error) { return c.UserStats(ctx) },
			want: request{Method: "GET", Path: "/api/v1/users/stats"},
			check: func(v any) bool {
				s := v.(api.UserStats)
				return s.ByRole["admin"] == 2 && s.PendingInvites == 3
			}},
		{name: "check an invitation", answer: `{"account":"Harbour Clinic","email":"ann@example.com","role":"Staff","name":"Ann"}`,
			call: func(c *Client) (any, error) { return c.CheckInvite(ctx, "tok") },
			want: request{Method: "POST", Path: "/api/v1/auth/invites/check", Body: []byte(`{"token":"tok"}`), CSRF: "t"},
			check: func(v any) bool {
				return v.(api.Invitation) == api.Invitation{Account: "Harbour Clinic", Email: "ann@example.com", Role: "Staff", Name: "Ann"}
			}},
		{name: "create", status: 201, answer: `{"id":"u2","status":"invited"}`,
			call: func(c *Client) (any, error) {
				return c.CreateUser(ctx, api.CreateUser{Name: "Ann", Email: "ann@example.com", RoleID: "staff"})
			},
			want:  request{Method: "POST", Path: "/api/v1/users", Body: []byte(`{"name":"Ann","email":"ann@example.com","role_id":"staff"}`), CSRF: "t"},
			check: func(v any) bool { return v.(api.User).Status == "invited" }},
		{name: "one user", answer: `{"id":"u 2"}`,
			call: func(c *Client) (any, error) { return c.User(ctx, "u 2") },
			want: request{Method: "GET", Path: "/api/v1/users/u%202"}},
		{name: "patch", answer: `{"id":"u2","name":"Ada","role_id":"admin"}`,
			call: func(c *Client) (any, error) {
				return c.PatchUser(ctx, "u2", api.PatchUser{Name: &name, RoleID: &roleID})
			},
			want:  request{Method: "PATCH", Path: "/api/v1/users/u2", Body: []byte(`{"name":"Ada","role_id":"admin"}`), CSRF: "t"},
			check: func(v any) bool { return v.(api.User).RoleID == "admin" }},
		{name: "effective", answer: `{"permissions":[{"id":"users.view","source":"override"}]}`,
			call: func(c *Client) (any, error) { return c.Effective(ctx, "u2") },
			want: request{Method: "GET", Path: "/api/v1/users/u2/effective"},
			check: func(v any) bool {
				return v.(api.Effective).Permissions[0].Source == "override"
			}},
		{name: "disable", answer: `{"id":"u2","status":"disabled"}`,
			call:  func(c *Client) (any, error) { return c.Act(ctx, "u2", "disable") },
			want:  request{Method: "POST", Path: "/api/v1/users/u2/disable", CSRF: "t"},
			check: func(v any) bool { return v.(api.User).Status == "disabled" }},
		{name: "re-invite", status: 202, answer: `{"id":"u2","status":"invited"}`,
			call: func(c *Client) (any, error) { return c.Act(ctx, "u2", "invite") },
			want: request{Method: "POST", Path: "/api/v1/users/u2/invite", CSRF: "t"}},
		{name: "delete", status: 204,
			call: func(c *Client) (any, error) { return nil, c.DeleteUser(ctx, "u2", false) },
			want: request{Method: "DELETE", Path: "/api/v1/users/u2", CSRF: "t"}},
		{name: "purge", status: 204,
			call: func(c *Client) (any, error) { return nil, c.DeleteUser(ctx, "u2", true) },
			want: request{Method: "DELETE", Path: "/api/v1/users/u2?purge=true", CSRF: "t"}},
		{name: "reset password by email", status: 202,
			call: func(c *Client) (any, error) {
				return nil, c.ResetPassword(ctx, "u2", api.ResetPassword{Mode: "email"})
			},
			want: request{Method: "POST", Path: "/api/v1/users/u2/reset-password", Body: []byte(`{"mode":"email"}`), CSRF: "t"}},
		{name: "set password", status: 204,
			call: func(c *Client) (any, error) {
				return nil, c.ResetPassword(ctx, "u2", api.ResetPassword{Mode: "set", Password: "long enough"})
			},
			want: request{Method: "POST", Path: "/api/v1/users/u2/reset-password", Body: []byte(`{"mode":"set","password":"long enough"}`), CSRF: "t"}},
		{name: "reset 2fa", status: 204,
			call: func(c *Client) (any, error) { return nil, c.Reset2FA(ctx, "u2") },
			want: request{Method: "POST", Path: "/api/v1/users/u2/reset-2fa", CSRF: "t"}},
		{name: "remind 2fa", status: 202,
			call: func(c *Client) (any, error) { return nil, c.Remind2FA(ctx, "u2") },
			want: request{Method: "POST", Path: "/api/v1/users/u2/remind-2fa", CSRF: "t"}},
		{name: "sign out everywhere", status: 204,
			call: func(c *Client) (any, error) { return nil, c.EndUserSessions(ctx, "u2") },
			want: request{Method: "DELETE", Path: "/api/v1/users/u2/sessions", CSRF: "t"}},
		{name: "clear a sign-in lockout", status: 204,
			call: func(c *Client) (any, error) { return nil, c.ClearLockout(ctx, "u2") },
			want: request{Method: "DELETE", Path: "/api/v1/users/u2/lockout", CSRF: "t"}},
	})
}

func TestAccountEndpoints(t *testing.T) {
	ctx := context.Background()
	plan := "business"
	runEndpoints(t, []endpoint{
		{name: "plans", answer: `{"items":[{"key":"starter","name":"Starter","seats":2}]}`,
			call:  func(c *Client) (any, error) { return c.Plans(ctx) },
			want:  request{Method: "GET", Path: "/api/v1/plans"},
			check: func(v any) bool { return v.(PlanList).Items[0].Seats == 2 }},
		{name: "account", answer: `{"id":"a1","seats":{"used":4,"limit":5},"policy":{"ladder":true}}`,
			call: func(c *Client) (any, error) { return c.Account(ctx) },
			want: request{Method: "GET", Path: "/api/v1/account"},
			check: func(v any) bool {
				a := v.(api.Account)
				return a.Seats.Used == 4 && a.Policy.Ladder
			}},
		{name: "patch account", answer: `{"id":"a1","plan":"business"}`,
			call: func(c *Client) (any, error) { return c.PatchAccount(ctx, api.PatchAccount{Plan: &plan}) },
			want: request{Method: "PATCH", Path: "/api/v1/account", Body: []byte(`{"plan":"business"}`), CSRF: "t"}},
		{name: "outbox", answer: `{"items":[{"id":"m1","to":"ann@example.com"}]}`,
			call:  func(c *Client) (any, error) { return c.Mail(ctx) },
			want:  request{Method: "GET", Path: "/api/v1/mail"},
			check: func(v any) bool { return v.(api.MailList).Items[0].To == "ann@example.com" }},
		{name: "suggestions", answer: `{"passed":4,"total":7,"items":[{"kind":"without_2fa","fix":"remind"}]}`,
			call: func(c *Client) (any, error) { return c.Suggestions(ctx) },
			want: request{Method: "GET", Path: "/api/v1/security/suggestions"},
			check: func(v any) bool {
				s := v.(api.Suggestions)
				return s.Passed == 4 && s.Items[0].Fix == "remind"
			}},
	})
}

func TestMeEndpoints(t *testing.T) {
	ctx := context.Background()
	runEndpoints(t, []endpoint{
		{name: "enrol", answer: `{"secret":"ABC","otpauth_url":"otpauth://totp/x","qr_png":"iVBO"}`,
			call:  func(c *Client) (any, error) { return c.EnrollTOTP(ctx) },
			want:  request{Method: "POST", Path: "/api/v1/me/totp/enroll", CSRF: "t"},
			check: func(v any) bool { return v.(api.TOTPEnrollment).Secret == "ABC" }},
		{name: "confirm", answer: `{"recovery_codes":["a","b"]}`,
			call:  func(c *Client) (any, error) { return c.ConfirmTOTP(ctx, "123456") },
			want:  request{Method: "POST", Path: "/api/v1/me/totp/confirm", Body: []byte(`{"code":"123456"}`), CSRF: "t"},
			check: func(v any) bool { return len(v.(api.RecoveryCodes).RecoveryCodes) == 2 }},
		{name: "turn off", status: 204,
			call: func(c *Client) (any, error) {
				return nil, c.DisableTOTP(ctx, api.DisableTOTP{Password: "pw", Code: "123456"})
			},
			want: request{Method: "DELETE", Path: "/api/v1/me/totp", Body: []byte(`{"password":"pw","code":"123456"}`), CSRF: "t"}},
		{name: "change password", status: 204,
			call: func(c *Client) (any, error) {
				return nil, c.ChangePassword(ctx, api.ChangePassword{CurrentPassword: "a", NewPassword: "b"})
			},
			want: request{Method: "POST", Path: "/api/v1/me/password", Body: []byte(`{"current_password":"a","new_password":"b"}`), CSRF: "t"}},
		{name: "sessions", answer: `{"items":[{"id":"s1","current":true,"device":"Chrome on Linux"}]}`,
			call:  func(c *Client) (any, error) { return c.Sessions(ctx) },
			want:  request{Method: "GET", Path: "/api/v1/me/sessions"},
			check: func(v any) bool { return v.(api.SessionList).Items[0].Current }},
		{name: "end another session", status: 204,
			call: func(c *Client) (any, error) { return nil, c.EndSession(ctx, "s2", false) },
			want: request{Method: "DELETE", Path: "/api/v1/me/sessions/s2", CSRF: "t"}},
		{name: "forgot", status: 202,
			call: func(c *Client) (any, error) { return nil, c.ForgotPassword(ctx, "ann@example.com") },
			want: request{Method: "POST", Path: "/api/v1/auth/password/forgot", Body: []byte(`{"email":"ann@example.com"}`), CSRF: "t"}},
		{name: "new password", status: 204,
			call: func(c *Client) (any, error) {
				return nil, c.NewPassword(ctx, api.NewPassword{Token: "tok", Password: "pw"})
			},
			want: request{Method: "POST", Path: "/api/v1/auth/password/reset", Body: []byte(`{"token":"tok","password":"pw"}`), CSRF: "t"}},
	})
}

func TestAcceptInviteKeepsToken(t *testing.T) {
	c, f := newFake(
		response{Status: 200, Body: []byte(`{"user":{"id":"u2","name":"Ann"},"csrf_token":"t9"}`)},
		response{Status: 204},
	)
	resp, err := c.AcceptInvite(context.Background(), api.AcceptInvite{Token: "tok", Name: "Ann", Password: "pw"})
	if err != nil || resp.User.Name != "Ann" {
		t.Fatalf("AcceptInvite = %+v, %v", resp, err)
	}
	if string(f.sent[0].Body) != `{"token":"tok","name":"Ann","password":"pw"}` || f.sent[0].CSRF != "" {
		t.Errorf("sent %+v (body %s)", f.sent[0], f.sent[0].Body)
	}
	if c.token() != "t9" {
		t.Errorf("token = %q", c.token())
	}
	// Ending the current session is a sign-out: the token goes.
	if err := c.EndSession(context.Background(), "s1", true); err != nil {
		t.Fatal(err)
	}
	if f.sent[1].CSRF != "t9" || c.token() != "" {
		t.Errorf("sent token %q; token after = %q", f.sent[1].CSRF, c.token())
	}
}
