package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
)

// The contract is served as OpenAPI 3 at /api/v1/openapi.json and covers
// every route of the router, with its access and its bodies.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	e := servertest.Start(t)
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
		Comps   struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	e.Client().Do("GET", "/api/v1/openapi.json", nil).Want(200).JSON(&doc)
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	for _, rt := range e.Server.API.Routes() {
		path := rt.Path
		for _, p := range []string{":id", ":permission"} {
			path = strings.ReplaceAll(path, p, "{"+p[1:]+"}")
		}
		op, ok := doc.Paths[path][strings.ToLower(rt.Method)]
		if !ok {
			t.Errorf("%s %s is not in the document", rt.Method, rt.Path)
			continue
		}
		if op["summary"] == "" || op["x-access"] != rt.Access.String() {
			t.Errorf("%s %s: summary %q, access %v", rt.Method, rt.Path, op["summary"], op["x-access"])
		}
	}
	for _, name := range []string{"Me", "LoginRequest", "Role", "Matrix", "User", "AuditEntry", "Error"} {
		if _, ok := doc.Comps.Schemas[name]; !ok {
			t.Errorf("no schema %s", name)
		}
	}
	var role map[string]any
	b, _ := json.Marshal(doc.Comps.Schemas["Role"])
	_ = json.Unmarshal(b, &role)
	props, _ := role["properties"].(map[string]any)
	for _, f := range []string{"id", "name", "permissions", "holders", "super_admin"} {
		if _, ok := props[f]; !ok {
			t.Errorf("Role schema lacks %s (embedded fields flattened): %v", f, props)
		}
	}
}
