package httpapi

import (
	"github.com/gofiber/fiber/v2"
)

// suggestions: GET /security/suggestions.
func (a *API) suggestions(c *fiber.Ctx) error {
	out, err := a.security.Suggestions(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(suggestionsView(out))
}

// remind2FA: POST /users/{id}/remind-2fa, the panel's fix for users without 2FA.
func (a *API) remind2FA(c *fiber.Ctx) error {
	if err := a.users.RemindTOTP(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return accepted(c)
}
