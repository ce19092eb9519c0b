package client

import (
	"context"
	"testing"

	"github.com/rolesconsole/console/shared/api"
)

// Every roles and audit endpoint: the request it sends and that it reads the answer.
func TestRolesEndpoints(t *testing.T) {
	ctx := context.Background()
	name := "Front desk"
	tests := []struct {
		name   string
		answer string
		call   func(*Client) (any, error)
		want   request
		check  func(any) bool
	}{
		{"catalog", `{"modules":[{"key":"users","name":"Users","actions":[{"key":"view","name":"View"}]}]}`,
			func(c *Client) (any, error) { return c.Permissions(ctx) },
			request{Method: "GET", Path: "/api/v1/permissions"},
			func(v any) bool { return v.(api.Catalog).Modules[0].Actions[0].Key == "view" }},
		{"roles", `{"items":[{"id":"staff","name":"Staff","holders":3}]}`,
			func(c *Client) (any, error) { return c.Roles(ctx) },
			request{Method: "GET", Path: "/api/v1/roles"},
			func(v any) bool { return v.(api.RoleList).Items[0].Holders == 3 }},
		{"create", `{"id":"r1","name":"Front desk"}`,
			func(c *Client) (any, error) {
				return c.CreateRole(ctx, api.CreateRole{Name: "Front desk", Description: "Desk", Color: "teal"})
			},
			request{Method: "POST", Path: "/api/v1/roles", Body: []byte(`{"name":"Front desk","description":"Desk","color":"teal"}`), CSRF: "t"},
			func(v any) bool { return v.(api.Role).ID == "r1" }},
		{"one role", `{"id":"a b"}`,
			func(c *Client) (any, error) { return c.Role(ctx, "a b") },
			request{Method: "GET", Path: "/api/v1/roles/a%20b"},
			func(v any) bool { return v.(api.Role).ID == "a b" }},
		{"patch", `{"id":"r1","name":"Front desk"}`,
			func(c *Client) (any, error) { return c.PatchRole(ctx, "r1", api.PatchRole{Name: &name}) },
			request{Method: "PATCH", Path: "/api/v1/roles/r1", Body: []byte(`{"name":"Front desk"}`), CSRF: "t"},
			func(v any) bool { return v.(api.Role).Name == "Front desk" }},
		{"delete", ``,
			func(c *Client) (any, error) { return nil, c.DeleteRole(ctx, "r1") },
			request{Method: "DELETE", Path: "/api/v1/roles/r1", CSRF: "t"},
			func(any) bool { return true }},
		{"grant own scope", `{"id":"staff","permissions":["contacts.edit:own"]}`,
			func(c *Client) (any, error) { return c.SetGrant(ctx, "staff", "contacts.edit:own", true) },
			request{Method: "PUT", Path: "/api/v1/roles/staff/permissions/contacts.edit:own", Body: []byte(`{"granted":true}`), CSRF: "t"},
			func(v any) bool { return v.(api.Role).Permissions[0] == "contacts.edit:own" }},
		{"revoke", `{"id":"staff"}`,
			func(c *Client) (any, error) { return c.SetGrant(ctx, "staff", "audit.view", false) },
			request{Method: "PUT", Path: "/api/v1/roles/staff/permissions/audit.view", Body: []byte(`{"granted":false}`), CSRF: "t"},
			func(any) bool { return true }},
		{"matrix", `{"modules":[],"roles":[{"id":"admin"}],"grants":{"admin":["users.view"]}}`,
			func(c *Client) (any, error) { return c.Matrix(ctx) },
			request{Method: "GET", Path: "/api/v1/matrix"},
			func(v any) bool { return v.(api.Matrix).Grants["admin"][0] == "users.view" }},
		{"audit first page", `{"items":[{"id":"e1","revertible":true}],"next_cursor":"c 2"}`,
			func(c *Client) (any, error) { return c.Audit(ctx, "") },
			request{Method: "GET", Path: "/api/v1/audit"},
			func(v any) bool { p := v.(api.AuditPage); return p.Items[0].Revertible && p.NextCursor == "c 2" }},
		{"audit next page", `{"items":[],"next_cursor":""}`,
			func(c *Client) (any, error) { return c.Audit(ctx, "c 2&x") },
			request{Method: "GET", Path: "/api/v1/audit?cursor=c+2%26x"},
			func(any) bool { return true }},
		{"revert", `{"id":"e2","revert_of":"e1"}`,
			func(c *Client) (any, error) { return c.Revert(ctx, "e1") },
			request{Method: "POST", Path: "/api/v1/audit/e1/revert", CSRF: "t"},
			func(v any) bool { return v.(api.AuditEntry).RevertOf == "e1" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, f := newFake(response{Status: 200, Body: []byte(tt.answer)})
			c.setToken("t")
			v, err := tt.call(c)
			if err != nil {
				t.Fatal(err)
			}
			got := f.sent[0]
			if got.Method != tt.want.Method || got.Path != tt.want.Path || string(got.Body) != string(tt.want.Body) || got.CSRF != tt.want.CSRF {
				t.Errorf("sent %+v (body %s), want %+v (body %s)", got, got.Body, tt.want, tt.want.Body)
			}
			if !tt.check(v) {
				t.Errorf("answer read as %+v", v)
			}
		})
	}
}

func TestRolesEndpointRefused(t *testing.T) {
	c, _ := newFake(response{Status: 409, Body: []byte(`{"error":{"code":"escalation","message":"You can only grant permissions you hold yourself (billing.manage)."}}`)})
	r, err := c.SetGrant(context.Background(), "staff", "billing.manage", true)
	if Code(err) != api.CodeEscalation || r.ID != "" {
		t.Fatalf("role %+v, err %v", r, err)
	}
	if e := err.(*Error); e.Body.Message != "You can only grant permissions you hold yourself (billing.manage)." {
		t.Errorf("message = %q", e.Body.Message)
	}
}
