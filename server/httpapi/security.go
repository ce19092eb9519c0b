package httpapi

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/security"
	"github.com/rolesconsole/console/shared/rules"
)

// suggestions: GET /security/suggestions.
func (a *API) suggestions(c *fiber.Ctx) error {
	p := principal(c)
	var active []string
	for id, m := range p.Account.Members {
		if m.Status == rules.StatusActive {
			active = append(active, id)
		}
	}
	last, err := a.store.SignIns.Of(c.UserContext(), active)
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
