package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

// createUser: POST /users.
func (a *API) createUser(c *fiber.Ctx) error {
	var in api.CreateUser
	if err := decode(c, &in); err != nil {
		return err
	}
	u, m, err := a.users.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(userView(u, m))
}
