package httpapi

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/security"
)

// suggestions: GET /security/suggestions.
func (a *API) suggestions(c *fiber.Ctx) error {
	p := principal(c)
	last, err := a.store.SignIns.Of(c.UserContext(), p.Account.ID)
	if err != nil {
		return err
	}
	return c.JSON(security.Review(p.Account, p.Session.UserID, last, time.Now()))
}

// remind2FA: POST /users/{id}/remind-2fa, the panel's fix for users without 2FA.
func (a *API) remind2FA(c *fiber.Ctx) error {
	if err := a.users.RemindTOTP(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return accepted(c)
}
