package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
)

// account: GET /account.
func (a *API) account(c *fiber.Ctx) error {
	return c.JSON(accountView(principal(c).Account))
}

// plans: GET /plans, the tiers and their seat limits.
func (a *API) plans(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"items": plan.Tiers})
}

// meCan: GET /me/can?permission=P&owner=USER_ID, for host applications:
// whether the signed-in user may do P to a record created by owner.
func (a *API) meCan(c *fiber.Ctx) error {
	p := principal(c)
	id := c.Query("permission")
	if id == "" {
		return invalidInput("Name the permission.", map[string]string{"permission": "Required, e.g. contacts.edit."})
	}
	owner := c.Query("owner")
	d := p.Subject.Check(id, owner != "" && owner == p.Session.UserID)
	return c.JSON(api.Can{Allowed: d.Allowed, Reason: d.Reason.String()})
}
