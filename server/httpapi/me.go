package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/shared/api"
)

// me: GET /me, who is signed in, in which account, with what permissions.
func (a *API) me(c *fiber.Ctx) error {
	p := principal(c)
	u, err := a.store.Users.Get(c.UserContext(), p.Account.ID, p.Session.UserID)
	if err != nil {
		return err
	}
	out := api.Me{
		User:        users.View(u, p.Member, func() bool { return false }),
		Account:     accountView(p.Account),
		Permissions: p.Permissions(),
		CSRFToken:   p.Session.CSRF,
		TwoFactor:   p.TwoFactor,
	}
	out.User.TOTPEnabled = p.Member.TOTP
	if p.Role.ID != "" {
		r := p.Role
		out.Role = &r
	}
	return c.JSON(out)
}
