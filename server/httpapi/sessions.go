package httpapi

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
)

// mySessions: GET /me/sessions.
func (a *API) mySessions(c *fiber.Ctx) error {
	p := principal(c)
	sessions, err := a.auth.Sessions(c.UserContext(), p)
	if err != nil {
		return err
	}
	out := api.SessionList{Items: []api.Session{}}
	for i := range sessions {
		s := &sessions[i]
		out.Items = append(out.Items, api.Session{
			ID: auth.PublicID(s), IP: s.IP, UserAgent: s.UserAgent, Device: device(s.UserAgent),
			CreatedAt: s.CreatedAt, LastSeen: s.LastSeen, Current: s.ID == p.Session.ID,
		})
	}
	return c.JSON(out)
}

// endMySession: DELETE /me/sessions/{id}; the current one too (a sign-out).
func (a *API) endMySession(c *fiber.Ctx) error {
	if err := a.auth.EndOwnSession(c.UserContext(), principal(c), c.Params("id")); err == store.ErrNotFound {
		return problem(fiber.StatusNotFound, api.CodeNotFound, "No such session.")
	} else if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// endUserSessions: DELETE /users/{id}/sessions, an admin signs a user out everywhere.
func (a *API) endUserSessions(c *fiber.Ctx) error {
	if err := a.users.EndSessions(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// clearLockout: DELETE /users/{id}/lockout.
func (a *API) clearLockout(c *fiber.Ctx) error {
	if err := a.users.ClearLockout(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// device names a browser and system from a User-Agent, roughly, for people.
func device(ua string) string {
	browser := "Browser"
	for _, b := range [][2]string{{"Edg/", "Edge"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}, {"curl/", "curl"}, {"Go-http-client", "Script"}} {
		if strings.Contains(ua, b[0]) {
			browser = b[1]
			break
		}
	}
	for _, s := range [][2]string{{"iPad", "iPad"}, {"iPhone", "iPhone"}, {"Android", "Android"}, {"Windows", "Windows"}, {"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"}} {
		if strings.Contains(ua, s[0]) {
			return browser + " on " + s[1]
		}
	}
	return browser
}
