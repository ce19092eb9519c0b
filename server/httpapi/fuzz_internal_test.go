package httpapi

import (
	"bytes"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

// Every JSON request type, decoded from any bytes: a documented 4xx or
// success, never a panic or a 500.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"email":"a@b.c","password":"x"}`, `{"name":"R","permissions":["users.view"]}`,
		`{"granted":true}`, `{"overrides":{"grant":["a.b"],"deny":[]}}`, `{"policy":{"two_factor":{"required":"all"}}}`,
		`{"email":{"$ne":null}}`, `[`, "\xff", `{"a":1}`, `null`, `{"name":"` + string(bytes.Repeat([]byte("["), 50)) + `"}`} {
		f.Add([]byte(s))
	}
	targets := []func() any{
		func() any { return &api.LoginRequest{} }, func() any { return &api.CreateRole{} }, func() any { return &api.PatchRole{} },
		func() any { return &api.Toggle{} }, func() any { return &api.CreateUser{} }, func() any { return &api.PatchUser{} },
		func() any { return &api.ResetPassword{} }, func() any { return &api.ForgotPassword{} }, func() any { return &api.NewPassword{} },
		func() any { return &api.AcceptInvite{} }, func() any { return &api.PatchAccount{} }, func() any { return &api.TOTPCode{} },
		func() any { return &api.DisableTOTP{} }, func() any { return &api.ChangePassword{} },
	}
	app := fiber.New(fiber.Config{ErrorHandler: errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil))), BodyLimit: 1 << 20})
	for i, target := range targets {
		app.Post("/"+string(rune('a'+i)), func(c *fiber.Ctx) error {
			if err := decode(c, target()); err != nil {
				return err
			}
			return c.SendStatus(fiber.StatusNoContent)
		})
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for i := range targets {
			req := httptest.NewRequest("POST", "/"+string(rune('a'+i)), bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			res, err := app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != 204 && res.StatusCode != 400 && res.StatusCode != 413 {
				t.Fatalf("target %d answered %d to %q", i, res.StatusCode, body)
			}
		}
	})
}
