package httpapi

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

func TestEveryRouteDeclaresAccess(t *testing.T) {
	a := &API{}
	for _, r := range a.Routes() {
		if r.Access.kind == undeclared {
			t.Errorf("%s %s declares no access", r.Method, r.Path)
		}
	}
}

func TestRegisterRefusesAnUndeclaredRoute(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("a route without an access declaration was registered")
		}
	}()
	a := &API{}
	a.register(fiber.New().Group("/api/v1"), []Route{{Method: "GET", Path: "/oops", Handle: func(*fiber.Ctx) error { return nil }}})
}

func TestRequiresRejectsMalformedPermission(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("Requires accepted a malformed permission")
		}
	}()
	Requires("users")
}

func TestPanicsBecomeJSON500(t *testing.T) {
	app, _ := New(Deps{}, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	app.Get("/boom", func(*fiber.Ctx) error { panic("kaboom") })
	res, err := app.Test(httptest.NewRequest("GET", "/boom", nil))
	if err != nil {
		t.Fatal(err)
	}
	var body api.Error
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != 500 || body.Error.Code != "internal" {
		t.Fatalf("status %d, body %+v, %v", res.StatusCode, body, err)
	}
}
