package httpapi_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// at returns the raw values at a dotted path of a JSON document: a name
// steps into an object, a number into an array, "*" into every item of
// either.
func at(t *testing.T, doc []byte, path string) []json.RawMessage {
	t.Helper()
	vals := []json.RawMessage{doc}
	for _, step := range strings.Split(path, ".") {
		var next []json.RawMessage
		for _, v := range vals {
			if bytes.Equal(v, []byte("null")) {
				t.Fatalf("%s: null on the way to %s", path, step)
			}
			var arr []json.RawMessage
			if json.Unmarshal(v, &arr) == nil {
				if i, err := strconv.Atoi(step); err == nil && i < len(arr) {
					next = append(next, arr[i])
				} else if step == "*" {
					next = append(next, arr...)
				} else {
					t.Fatalf("%s: no item %q in %s", path, step, v)
				}
				continue
			}
			var obj map[string]json.RawMessage
			if err := json.Unmarshal(v, &obj); err != nil {
				t.Fatalf("%s at %s: %v in %s", path, step, err, v)
			}
			if step == "*" {
				for _, x := range obj {
					next = append(next, x)
				}
			} else if x, ok := obj[step]; ok {
				next = append(next, x)
			} else {
				t.Fatalf("%s: no %q in %s", path, step, v)
			}
		}
		vals = next
	}
	if len(vals) == 0 {
		t.Fatalf("%s: nothing there", path)
	}
	return vals
}

// The answers' lists are lists, empty ones too: [] and never null, for a
// role without permissions (the super admin's, a new one), a policy that
// names no roles, and every list built from them.
func TestListsAreNeverNull(t *testing.T) {
	e := servertest.Start(t)
	owner := e.SignedIn()
	created := owner.Do("POST", "/api/v1/roles", api.CreateRole{Name: "Empty", Description: "Grants nothing"}).Want(201).Body
	var empty api.Role
	if err := json.Unmarshal(created, &empty); err != nil {
		t.Fatal(err)
	}
	get := func(path string) []byte { return owner.Do("GET", path, nil).Want(200).Body }
	roles, matrix, preset, me, account := get("/api/v1/roles"), get("/api/v1/matrix"), get("/api/v1/preset"), get("/api/v1/me"), get("/api/v1/account")
	for _, c := range []struct {
		name string
		body []byte
		path string
		// empty: the value must be exactly []; else any array.
		empty bool
	}{
		{"POST /roles without permissions", created, "permissions", true},
		{"GET /roles", roles, "items.*.permissions", false},
		{"GET /matrix roles", matrix, "roles.*.permissions", false},
		{"GET /matrix grants", matrix, "grants.*", false},
		{"GET /matrix grants of the new role", matrix, "grants." + empty.ID, true},
		{"GET /preset", preset, "roles.*.permissions", false},
		{"GET /preset super admin", preset, "roles.0.permissions", true},
		{"GET /me role of the super admin", me, "role.permissions", true},
		{"GET /me permissions", me, "permissions", false},
		{"GET /me policy", me, "account.policy.two_factor.roles", true},
		{"GET /account policy", account, "policy.two_factor.roles", true},
	} {
		for _, v := range at(t, c.body, c.path) {
			if c.empty && string(v) != "[]" || !bytes.HasPrefix(v, []byte("[")) {
				t.Errorf("%s: %s is %s", c.name, c.path, v)
			}
		}
	}
	// The new role, in the lists too.
	for _, it := range at(t, roles, "items.*") {
		if bytes.Contains(it, []byte(`"id":"`+empty.ID+`"`)) && !bytes.Contains(it, []byte(`"permissions":[]`)) {
			t.Errorf("GET /roles: %s", it)
		}
	}
}
