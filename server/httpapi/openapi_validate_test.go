package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/pquerna/otp/totp"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/httpapi"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// contract checks requests and answers against the description the server
// serves at /api/v1/openapi.json, with kin-openapi's validator.
type contract struct {
	t      *testing.T
	e      *servertest.Env
	router routers.Router
	// answered holds the operations ("GET /roles/{id}") that answered a
	// request of the contract with a success.
	answered map[string]bool
	calls    int
}

func newContract(t *testing.T, e *servertest.Env) *contract {
	t.Helper()
	res := e.Client().Do("GET", "/api/v1/openapi.json", nil).Want(200)
	doc, err := openapi3.NewLoader().LoadFromData(res.Body)
	if err != nil {
		t.Fatalf("loading the description: %v", err)
	}
	if err := doc.Validate(t.Context()); err != nil {
		t.Fatalf("the description is not valid OpenAPI: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &contract{t: t, e: e, router: router, answered: map[string]bool{}}
}

// call is one request. as is whose cookie jar and CSRF token it may use;
// the request carries exactly what the operation's security asks for.
type call struct {
	as           *servertest.Client
	method, path string
	body         any // JSON-encoded unless a string
	status       int
	// offContract: the request breaks the description on purpose (a bad
	// body, a missing credential); the answer must still keep to it.
	offContract bool
	// noSession, noCSRF leave out a credential the security asks for.
	noSession, noCSRF bool
	// code, when set, is the error code the answer must carry.
	code string
}

// send makes the call, checks the request and the answer against the
// description, and returns the answer's body.
func (k *contract) send(c call) []byte {
	t := k.t
	t.Helper()
	k.calls++
	var raw []byte
	switch b := c.body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	default:
		raw, _ = json.Marshal(b)
	}
	req, err := http.NewRequest(c.method, k.e.URL+c.path, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if raw != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	route, params, err := k.router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s is not in the description: %v", c.method, c.path, err)
	}
	name := route.Method + " " + route.Path
	for _, sr := range *route.Operation.Security {
		if _, ok := sr["session"]; ok && c.as != nil && !c.noSession {
			for _, ck := range c.as.HTTP.Jar.Cookies(req.URL) {
				req.AddCookie(ck)
			}
		}
		if _, ok := sr["csrf"]; ok && c.as != nil && !c.noCSRF {
			req.Header.Set(httpapi.CSRFHeader, c.as.CSRF)
		}
	}
	for q := range req.URL.Query() {
		if route.Operation.Parameters.GetByInAndName("query", q) == nil {
			t.Errorf("%s: query parameter %q is not described", name, q)
		}
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: present},
	}
	if err := openapi3filter.ValidateRequest(context.Background(), in); (err != nil) != c.offContract {
		t.Errorf("%s %s: request validation says %v (off contract: %v)", c.method, c.path, err, c.offContract)
	}
	req.Body = io.NopCloser(bytes.NewReader(raw))
	res, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if c.as != nil && !c.noSession {
		c.as.HTTP.Jar.SetCookies(req.URL, res.Cookies())
	}
	var e api.Error
	_ = json.Unmarshal(body, &e)
	if res.StatusCode != c.status || e.Error.Code != c.code && c.code != "" {
		t.Errorf("%s %s: %d %s; want %d %s", c.method, c.path, res.StatusCode, body, c.status, c.code)
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
		Body: io.NopCloser(bytes.NewReader(body)), Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: the answer breaks the description: %v", c.method, c.path, err)
	}
	if r := route.Operation.Responses.Status(res.StatusCode); r != nil && len(r.Value.Content) == 0 && len(body) > 0 {
		t.Errorf("%s %s: %d is described without a body, got %s", c.method, c.path, res.StatusCode, body)
	}
	if res.StatusCode/100 == 2 && !c.offContract {
		k.answered[name] = true
	}
	return body
}

// needs reports which credentials the description asks of a request.
func (k *contract) needs(method, path string) (session, csrf bool) {
	k.t.Helper()
	req, _ := http.NewRequest(method, k.e.URL+path, nil)
	route, _, err := k.router.FindRoute(req)
	if err != nil {
		k.t.Fatalf("%s %s is not in the description: %v", method, path, err)
	}
	for _, sr := range *route.Operation.Security {
		_, s := sr["session"]
		_, c := sr["csrf"]
		session, csrf = session || s, csrf || c
	}
	return session, csrf
}

// present checks that a credential the description asks for is sent.
func present(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	s, r := in.SecurityScheme, in.RequestValidationInput.Request
	switch s.In {
	case "cookie":
		if _, err := r.Cookie(s.Name); err != nil {
			return err
		}
	case "header":
		if r.Header.Get(s.Name) == "" {
			return errors.New("no " + s.Name + " header")
		}
	}
	return nil
}

func (k *contract) login(email, password string) *servertest.Client {
	k.t.Helper()
	c := k.e.Client()
	var out api.LoginResponse
	k.decode(k.send(call{as: c, method: "POST", path: "/api/v1/auth/login", body: api.LoginRequest{Email: email, Password: password}, status: 200}), &out)
	c.CSRF = out.CSRFToken
	return c
}

func (k *contract) get(c *servertest.Client, path string, v any) {
	k.t.Helper()
	body := k.send(call{as: c, method: "GET", path: path, status: 200})
	if v != nil {
		k.decode(body, v)
	}
}

func (k *contract) decode(body []byte, v any) {
	k.t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		k.t.Fatalf("decoding %s: %v", body, err)
	}
}

// token is the link token of the newest mail to an address whose text
// holds link ("/invite?token=", "/reset?token=").
func (k *contract) token(owner *servertest.Client, to, link string) string {
	k.t.Helper()
	// A reset asked for is mailed shortly after the answer.
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var box api.MailList
		k.get(owner, "/api/v1/mail", &box)
		for _, m := range box.Items {
			if m.To == to {
				if _, rest, ok := strings.Cut(m.Text, link); ok {
					return regexp.MustCompile(`^[A-Za-z0-9_-]+`).FindString(rest)
				}
			}
		}
	}
	k.t.Fatalf("no mail to %s with %s", to, link)
	return ""
}

func ptr[T any](v T) *T { return &v }

// Every route of the table, with real ids and valid bodies, as the demo
// super admin and the users it makes, and some refusals: each request and
// each answer (status, content type, body) keeps to the description the
// server serves, so the two cannot drift apart.
func TestAnswersKeepToTheOpenAPIDescription(t *testing.T) {
	clock := newClock()
	e := servertest.Start(t, func(c *server.Config) { c.Auth.Now = clock.Now })
	k := newContract(t, e)
	k.send(call{method: "GET", path: "/api/v1/openapi.json", status: 200})
	owner := k.login(e.Email, e.Password)
	send := func(c *servertest.Client, method, path string, body any, status int) []byte {
		t.Helper()
		return k.send(call{as: c, method: method, path: path, body: body, status: status})
	}
	send(owner, "PATCH", "/api/v1/account", api.PatchAccount{Plan: ptr("enterprise")}, 200)
	for _, p := range []string{"/me", "/plans", "/account", "/permissions", "/roles", "/preset", "/matrix",
		"/users/stats", "/users?status=active&role=staff&q=a&limit=5", "/security/suggestions", "/me/sessions",
		"/me/can?permission=contacts.view&owner=someone"} {
		k.get(owner, "/api/v1"+p, nil)
	}

	// Roles: create, read, change, grant, reset, delete.
	var night, temp, staff api.Role
	k.decode(send(owner, "POST", "/api/v1/roles", api.CreateRole{Name: "Night shift", Description: "Covers the nights"}, 201), &night)
	k.get(owner, "/api/v1/roles/"+night.ID, nil)
	send(owner, "PATCH", "/api/v1/roles/"+night.ID, api.PatchRole{Description: ptr("Nights and weekends")}, 200)
	send(owner, "PUT", "/api/v1/roles/"+night.ID+"/permissions/contacts.view", api.Toggle{Granted: ptr(true)}, 200)
	k.get(owner, "/api/v1/roles/staff", &staff)
	send(owner, "PUT", "/api/v1/roles/staff/permissions/"+staff.Permissions[0], api.Toggle{Granted: ptr(false)}, 200)
	send(owner, "POST", "/api/v1/roles/staff/reset", nil, 200)
	k.decode(send(owner, "POST", "/api/v1/roles", api.CreateRole{Name: "Temp", Description: "", Permissions: []string{"contacts.view"}}, 201), &temp)
	send(owner, "DELETE", "/api/v1/roles/"+temp.ID, nil, 204)

	// A user and what they do to themselves.
	const patEmail, patPassword = "pat@contract.example", "pat-password-1234"
	var pat api.User
	k.decode(send(owner, "POST", "/api/v1/users", api.CreateUser{Name: "Pat", Email: patEmail, RoleID: night.ID, Password: patPassword}, 201), &pat)
	users := "/api/v1/users/" + pat.ID
	k.get(owner, users, nil)
	k.get(owner, users+"/effective", nil)
	k.get(owner, "/api/v1/users", nil)
	send(owner, "PATCH", users, api.PatchUser{Name: ptr("Pat Lee")}, 200)
	patC := k.login(patEmail, patPassword)
	k.get(patC, "/api/v1/me", nil)
	k.get(patC, "/api/v1/me/can?permission=contacts.view&owner="+pat.ID, nil)
	var en api.TOTPEnrollment
	k.decode(k.send(call{as: patC, method: "POST", path: "/api/v1/me/totp/enroll", status: 200}), &en)
	code, err := totp.GenerateCode(en.Secret, clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	k.send(call{as: patC, method: "POST", path: "/api/v1/me/totp/confirm", body: api.TOTPCode{Code: code}, status: 200})
	clock.Advance(time.Minute)
	if code, err = totp.GenerateCode(en.Secret, clock.Now()); err != nil {
		t.Fatal(err)
	}
	k.send(call{as: patC, method: "DELETE", path: "/api/v1/me/totp", body: api.DisableTOTP{Password: patPassword, Code: code}, status: 204})
	// Once more, for an admin to turn it off (codes are good once).
	clock.Advance(time.Minute)
	k.decode(k.send(call{as: patC, method: "POST", path: "/api/v1/me/totp/enroll", status: 200}), &en)
	if code, err = totp.GenerateCode(en.Secret, clock.Now()); err != nil {
		t.Fatal(err)
	}
	k.send(call{as: patC, method: "POST", path: "/api/v1/me/totp/confirm", body: api.TOTPCode{Code: code}, status: 200})
	send(owner, "POST", users+"/reset-2fa", nil, 204)
	// The reset signed Pat out everywhere.
	k.send(call{as: patC, method: "GET", path: "/api/v1/me", status: 401})
	patC = k.login(patEmail, patPassword)
	elsewhere := k.login(patEmail, patPassword)
	var sessions api.SessionList
	k.get(patC, "/api/v1/me/sessions", &sessions)
	for _, s := range sessions.Items {
		if !s.Current {
			k.send(call{as: patC, method: "DELETE", path: "/api/v1/me/sessions/" + s.ID, status: 204})
		}
	}
	k.send(call{as: elsewhere, method: "GET", path: "/api/v1/me", status: 401})
	k.send(call{as: patC, method: "GET", path: "/api/v1/mail", status: 403})
	k.send(call{as: patC, method: "POST", path: "/api/v1/me/password", body: api.ChangePassword{CurrentPassword: patPassword, NewPassword: "pat-password-5678"}, status: 204})

	// What an admin does to the user.
	send(owner, "POST", users+"/remind-2fa", nil, 202)
	send(owner, "DELETE", users+"/sessions", nil, 204)
	send(owner, "DELETE", users+"/lockout", nil, 204)
	send(owner, "POST", users+"/reset-password", api.ResetPassword{Mode: "set", Password: "pat-password-9012"}, 204)
	send(owner, "POST", users+"/reset-password", api.ResetPassword{Mode: "email"}, 202)
	for _, step := range []struct {
		method, suffix string
		status         int
	}{
		{"POST", "/disable", 200}, {"POST", "/enable", 200}, {"POST", "/revoke", 200}, {"POST", "/invite", 202},
		{"DELETE", "", 204}, {"POST", "/restore", 200}, {"DELETE", "", 204}, {"DELETE", "?purge=true", 204},
	} {
		send(owner, step.method, users+step.suffix, nil, step.status)
	}

	// Invitation, forgotten password, sign-out.
	const inesEmail = "ines@contract.example"
	send(owner, "POST", "/api/v1/users", api.CreateUser{Name: "Ines", Email: inesEmail, RoleID: "staff"}, 201)
	ines, inesToken := e.Client(), k.token(owner, inesEmail, "/invite?token=")
	k.send(call{as: ines, method: "POST", path: "/api/v1/auth/invites/check", body: api.CheckInvite{Token: inesToken}, status: 200})
	k.send(call{as: ines, method: "POST", path: "/api/v1/auth/invites/accept", body: api.AcceptInvite{Token: inesToken, Name: "Ines Ito", Password: "ines-password-1234"}, status: 200})
	k.send(call{method: "POST", path: "/api/v1/auth/password/forgot", body: api.ForgotPassword{Email: inesEmail}, status: 202})
	k.send(call{method: "POST", path: "/api/v1/auth/password/reset", body: api.NewPassword{Token: k.token(owner, inesEmail, "/reset?token="), Password: "ines-password-5678"}, status: 204})
	bye := k.login(e.Email, e.Password)
	k.send(call{as: bye, method: "POST", path: "/api/v1/auth/logout", status: 204})

	// One person in two accounts: the list, and a switch.
	other, _, err := accounts.Create(t.Context(), e.Server.Store, accounts.New{Name: "Other Clinic", OwnerName: "Olga", Email: "olga@other.example", Password: "olga-password-1234"})
	if err != nil {
		t.Fatal(err)
	}
	olga := k.login("olga@other.example", "olga-password-1234")
	k.send(call{as: olga, method: "POST", path: "/api/v1/users", body: api.CreateUser{Name: "Ines", Email: inesEmail, RoleID: "staff"}, status: 201})
	both := k.login(inesEmail, "ines-password-5678")
	var joinedOther api.LoginResponse
	k.decode(k.send(call{as: both, method: "POST", path: "/api/v1/me/invites/accept", body: api.JoinInvite{Token: k.token(olga, inesEmail, "/invite?token=")}, status: 200}), &joinedOther)
	both.CSRF = joinedOther.CSRFToken
	var mine api.AccountChoices
	k.get(both, "/api/v1/me/accounts", &mine)
	target := other.ID
	if mine.Items[0].ID == other.ID {
		target = mine.Items[1].ID
	}
	var switched api.LoginResponse
	k.decode(k.send(call{as: both, method: "POST", path: "/api/v1/me/accounts/" + target + "/switch", body: api.SwitchAccount{}, status: 200}), &switched)
	// An invitation taken by someone signed in already.
	send(owner, "POST", "/api/v1/users", api.CreateUser{Name: "Olga", Email: "olga@other.example", RoleID: "staff"}, 201)
	var joined api.LoginResponse
	k.decode(k.send(call{as: olga, method: "POST", path: "/api/v1/me/invites/accept", body: api.JoinInvite{Token: k.token(owner, "olga@other.example", "/invite?token=")}, status: 200}), &joined)

	// The audit log, and an undo.
	var page api.AuditPage
	k.get(owner, "/api/v1/audit?limit=3", &page)
	k.get(owner, "/api/v1/audit?limit=3&cursor="+page.NextCursor, nil)
	k.get(owner, "/api/v1/audit?limit=200", &page)
	for _, it := range page.Items {
		if it.Revertible && strings.HasPrefix(it.Action, "role.") {
			send(owner, "POST", "/api/v1/audit/"+it.ID+"/revert", nil, 200)
			break
		}
	}
	k.get(owner, "/api/v1/mail", nil)

	// Refusals keep to the error schema.
	send(owner, "GET", "/api/v1/roles/does-not-exist", nil, 404)
	send(owner, "POST", "/api/v1/roles", api.CreateRole{Name: "Night shift"}, 409)
	send(owner, "DELETE", "/api/v1/users/"+me(t, owner).User.ID, nil, 409)
	k.send(call{as: owner, method: "POST", path: "/api/v1/roles", body: `{"name": 5, "description": ""}`, status: 400, offContract: true})
	k.send(call{as: owner, method: "PATCH", path: "/api/v1/account", body: api.PatchAccount{Name: ptr("X")}, status: 403, offContract: true, noCSRF: true})
	k.send(call{method: "GET", path: "/api/v1/me", status: 401, offContract: true})

	// What the security asks for is needed: without the cookie the guard
	// answers 401, without the CSRF header 403, before looking further.
	for _, rt := range e.Server.API.Routes() {
		path := "/api/v1" + strings.NewReplacer(":permission", "contacts.view", ":id", "does-not-exist").Replace(rt.Path)
		var body any
		if rt.Method != "GET" {
			body = "{}"
		}
		session, csrf := k.needs(rt.Method, path)
		if session {
			k.send(call{as: owner, method: rt.Method, path: path, body: body, status: 401, code: "unauthenticated", offContract: true, noSession: true})
		}
		if csrf {
			k.send(call{as: owner, method: rt.Method, path: path, body: body, status: 403, code: "csrf", offContract: true, noCSRF: true})
		}
	}

	for _, rt := range e.Server.API.Routes() {
		name := rt.Method + " " + regexp.MustCompile(`:(\w+)`).ReplaceAllString(rt.Path, "{$1}")
		if !k.answered[name] {
			t.Errorf("%s was not driven to a success", name)
		}
	}
	t.Logf("%d requests and answers validated; %d operations answered a success", k.calls, len(k.answered))
}
