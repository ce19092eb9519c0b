package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

// me: GET /me, who is signed in, in which account, with what permissions.
func (a *API) me(c *fiber.Ctx) error {
	p := principal(c)
	out := api.Me{
		User:        userView(a.users.SignedIn(p.Session.UserID, p.Member, p.Session.CreatedAt)),
		Account:     a.accountView(p.Account, p.Subject),
		Permissions: p.Permissions(),
		CSRFToken:   p.Session.CSRF,
		TwoFactor:   twoFactorView(p.TwoFactor),
		// A count of what the session holds: no store read per request.
		OtherAccounts: len(p.Session.Reach),
	}
	if p.Role.ID != "" {
		r := p.Role
		out.Role = &r
	}
	return c.JSON(out)
}
