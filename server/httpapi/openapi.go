package httpapi

import (
	"encoding/json"
	"path"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
)

// doc says what a route reads and answers, for the OpenAPI document.
type doc struct {
	summary string
	in, out any
	status  int
}

// plans is the answer of GET /plans.
type plans struct {
	Items []plan.Tier `json:"items"`
}

// docs describes every route of Routes; a test fails for a route missing here.
var docs = map[string]doc{
	"POST /auth/login":                       {"Sign in; sets the session cookie", api.LoginRequest{}, api.LoginResponse{}, 200},
	"POST /auth/logout":                      {"Sign out; the session ends in the store", nil, nil, 204},
	"GET /me":                                {"Who is signed in, where, with what permissions", nil, api.Me{}, 200},
	"POST /me/totp/enroll":                   {"Start two-factor enrolment", nil, api.TOTPEnrollment{}, 200},
	"POST /me/totp/confirm":                  {"Turn two-factor sign-in on with a first code", api.TOTPCode{}, api.RecoveryCodes{}, 200},
	"DELETE /me/totp":                        {"Turn two-factor sign-in off", api.DisableTOTP{}, nil, 204},
	"POST /me/password":                      {"Change one's own password; other sessions end", api.ChangePassword{}, nil, 204},
	"GET /me/sessions":                       {"One's own sessions", nil, api.SessionList{}, 200},
	"DELETE /me/sessions/:id":                {"End one of one's sessions", nil, nil, 204},
	"GET /me/can":                            {"May the signed-in user do permission to a record of owner, and why", nil, api.Can{}, 200},
	"POST /me/invites/accept":                {"Take an invitation as the person signed in, with no second password: they go on in the account that invited them", api.JoinInvite{}, api.LoginResponse{}, 200},
	"GET /me/accounts":                       {"The accounts the session may act in: its own, and those the sign-in proved the person in", nil, api.AccountChoices{}, 200},
	"POST /me/accounts/:id/switch":           {"Act in another of those accounts: a new session there, under its rules", api.SwitchAccount{}, api.LoginResponse{}, 200},
	"GET /plans":                             {"Plan tiers and their seat limits", nil, plans{}, 200},
	"GET /account":                           {"The account", nil, api.Account{}, 200},
	"PATCH /account":                         {"Change the account's name, plan, policy or modules", api.PatchAccount{}, api.Account{}, 200},
	"GET /mail":                              {"The outbox, when no SMTP server is configured", nil, api.MailList{}, 200},
	"GET /permissions":                       {"The permission catalog of the account", nil, api.Catalog{}, 200},
	"GET /roles":                             {"Roles with their holders", nil, api.RoleList{}, 200},
	"POST /roles":                            {"Create a role", api.CreateRole{}, api.Role{}, 201},
	"GET /roles/:id":                         {"One role", nil, api.Role{}, 200},
	"PATCH /roles/:id":                       {"Change a role", api.PatchRole{}, api.Role{}, 200},
	"DELETE /roles/:id":                      {"Delete a role; its users are left without one", nil, nil, 204},
	"PUT /roles/:id/permissions/:permission": {"Grant or revoke one permission of a role", api.Toggle{}, api.Role{}, 200},
	"POST /roles/:id/reset":                  {"Put a role back to its preset's defaults", nil, api.Role{}, 200},
	"GET /preset":                            {"The account's preset and its default roles", nil, api.Preset{}, 200},
	"GET /matrix":                            {"Every role against every permission", nil, api.Matrix{}, 200},
	"GET /audit":                             {"The audit log, newest first", nil, api.AuditPage{}, 200},
	"POST /audit/:id/revert":                 {"Undo one recorded change", nil, api.AuditEntry{}, 200},
	"GET /users":                             {"Users, filtered by status, role and text", nil, api.UserList{}, 200},
	"GET /users/stats":                       {"Active users per role, pending invitations, the active super admins and the seats in use", nil, api.UserStats{}, 200},
	"POST /users":                            {"Add a user: active with a password, without a login (no_login), else invited", api.CreateUser{}, api.User{}, 201},
	"GET /users/:id":                         {"One user", nil, api.User{}, 200},
	"PATCH /users/:id":                       {"Change a user's name, role or overrides", api.PatchUser{}, api.User{}, 200},
	"DELETE /users/:id":                      {"Move to Deleted; ?purge=true removes a deleted user", nil, nil, 204},
	"GET /users/:id/effective":               {"What a user may do, and where it comes from", nil, api.Effective{}, 200},
	"POST /users/:id/disable":                {"Disable a login; its sessions end", nil, api.User{}, 200},
	"POST /users/:id/enable":                 {"Enable a disabled login", nil, api.User{}, 200},
	"POST /users/:id/revoke":                 {"Revoke a login, keep the profile", nil, api.User{}, 200},
	"POST /users/:id/restore":                {"Restore a deleted user", nil, api.User{}, 200},
	"POST /users/:id/invite":                 {"Invite again, or resend the invitation", nil, api.User{}, 202},
	"POST /users/:id/reset-password":         {"Mail a reset link, or set a password", api.ResetPassword{}, nil, 204},
	"POST /users/:id/reset-2fa":              {"Turn another user's two-factor sign-in off", nil, nil, 204},
	"POST /users/:id/remind-2fa":             {"Remind a user by email to turn on two-factor sign-in", nil, nil, 202},
	"DELETE /users/:id/sessions":             {"Sign a user out everywhere", nil, nil, 204},
	"DELETE /users/:id/lockout":              {"Let a user locked out by failed sign-ins sign in again at once", nil, nil, 204},
	"GET /security/suggestions":              {"Security findings and the score", nil, api.Suggestions{}, 200},
	"POST /auth/password/forgot":             {"Mail a reset link, whether or not the email exists", api.ForgotPassword{}, nil, 202},
	"POST /auth/password/reset":              {"Set a password from a reset link; every session ends", api.NewPassword{}, nil, 204},
	"POST /auth/invites/check":               {"Where an invitation link invites to, as whom, and the name the admin typed; the link stays unspent", api.CheckInvite{}, api.Invitation{}, 200},
	"POST /auth/invites/accept":              {"Accept an invitation, choosing a password, and sign in; someone who has a password already signs in and takes it with POST /me/invites/accept (409 here)", api.AcceptInvite{}, api.LoginResponse{}, 200},
	"GET /openapi.json":                      {"This document", nil, map[string]any{}, 200},
}

// alsoAnswers are the further successes of routes that have two.
var alsoAnswers = map[string]struct {
	status  int
	summary string
}{
	"POST /users/:id/reset-password": {202, "The reset link is mailed (mode email)"},
}

// queries names the query parameters each route reads.
var queries = map[string][]string{
	"GET /me/can":       {"permission", "owner"},
	"GET /users":        {"status", "role", "q", "limit", "cursor"},
	"GET /audit":        {"limit", "cursor"},
	"DELETE /users/:id": {"purge"},
}

// openapi: GET /openapi.json, made once from the route table and docs.
func (a *API) openapi(c *fiber.Ctx) error {
	a.specOnce.Do(func() { a.spec, a.specErr = json.Marshal(openAPI(a.Routes())) })
	if a.specErr != nil {
		return a.specErr
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(a.spec)
}

type specCache struct {
	specOnce sync.Once
	spec     []byte
	specErr  error
}

func openAPI(routes []Route) map[string]any {
	schemas := map[string]any{}
	paths := map[string]map[string]any{}
	for _, rt := range routes {
		key := rt.Method + " " + rt.Path
		d := docs[key]
		path, params := openPath(rt.Path)
		for _, q := range queries[key] {
			params = append(params, map[string]any{"name": q, "in": "query", "schema": map[string]any{"type": "string"}})
		}
		responses := map[string]any{"4XX": errorResponse(schemas), "500": errorResponse(schemas), "503": errorResponse(schemas)}
		op := map[string]any{
			"summary":     d.summary,
			"x-access":    rt.Access.String(),
			"security":    requirements(rt),
			"parameters":  params,
			"responses":   responses,
			"operationId": strings.ToLower(rt.Method) + strings.NewReplacer("/", "_", ":", "", "-", "_", ".", "_").Replace(rt.Path),
		}
		if d.in != nil {
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(d.in), schemas)}}}
		}
		res := map[string]any{"description": d.summary}
		if d.out != nil {
			res["content"] = map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(d.out), schemas)}}
		}
		responses[strconv.Itoa(d.status)] = res
		if also, ok := alsoAnswers[key]; ok {
			responses[strconv.Itoa(also.status)] = map[string]any{"description": also.summary}
		}
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(rt.Method)] = op
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info":    map[string]any{"title": "Users & Roles console", "version": "1"},
		"servers": []any{map[string]any{"url": "/api/v1"}},
		"paths":   paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": SessionCookie},
				"csrf":    map[string]any{"type": "apiKey", "in": "header", "name": CSRFHeader, "description": "On every change made with the session cookie"},
			},
		},
	}
}

// requirements says what the guard demands of a route: nothing of a public
// one; the session cookie to read; the cookie and the CSRF header to
// change (both in one requirement: both are needed).
func requirements(rt Route) []any {
	switch {
	case rt.Access.IsPublic():
		return []any{}
	case unsafeMethod(rt.Method):
		return []any{map[string]any{"session": []any{}, "csrf": []any{}}}
	}
	return []any{map[string]any{"session": []any{}}}
}

// openPath turns ":id" into "{id}" and lists the path parameters.
func openPath(p string) (string, []any) {
	params := []any{}
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			parts[i] = "{" + name + "}"
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": "string"}})
		}
	}
	return strings.Join(parts, "/"), params
}

func errorResponse(schemas map[string]any) map[string]any {
	return map[string]any{"description": "An error: see the code", "content": map[string]any{"application/json": map[string]any{"schema": schemaOf(reflect.TypeOf(api.Error{}), schemas)}}}
}

var timeType = reflect.TypeOf(time.Time{})

// schemaOf describes a Go type as a JSON schema, structs as named components.
func schemaOf(t reflect.Type, schemas map[string]any) map[string]any {
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == reflect.TypeOf(json.RawMessage{}):
		// An audit snapshot: an object, null when there is none (a creation's before).
		return map[string]any{"type": "object", "nullable": true}
	}
	switch t.Kind() {
	case reflect.Pointer:
		s := schemaOf(t.Elem(), schemas)
		s["nullable"] = true
		return s
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int64, reflect.Int32:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), schemas)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), schemas)}
	case reflect.Struct:
		// api types keep their names; others are qualified, as role.Role
		// and api.Role differ.
		name := t.Name()
		if pkg := path.Base(t.PkgPath()); pkg != "api" {
			name = pkg + "." + name
		}
		if _, done := schemas[name]; !done {
			schemas[name] = map[string]any{} // a placeholder stops recursion
			props, required := map[string]any{}, []string{}
			fields(t, schemas, props, &required)
			// The server writes no other field and refuses any other
			// in a body (decode), so the description says so too.
			s := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
			if len(required) > 0 {
				s["required"] = required
			}
			schemas[name] = s
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{}
}

// fields collects a struct's JSON fields, flattening embedded structs.
func fields(t reflect.Type, schemas, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if f.Anonymous && tag == "" {
			fields(f.Type, schemas, props, required)
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, schemas)
		if !strings.Contains(opts, "omitempty") && f.Type.Kind() != reflect.Pointer {
			*required = append(*required, name)
		}
	}
}
