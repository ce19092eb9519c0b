package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/shared/api"
)

// myAccounts: GET /me/accounts, the accounts the session may act in.
func (a *API) myAccounts(c *fiber.Ctx) error {
	ms, err := a.auth.Accounts(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(api.AccountChoices{Items: choicesView(ms)})
}

// switchAccount: POST /me/accounts/{id}/switch. The new session's cookie
// replaces this one's.
func (a *API) switchAccount(c *fiber.Ctx) error {
	// The body is needed only for a second factor.
	var in api.SwitchAccount
	if len(c.Body()) > 0 {
		if err := decode(c, &in); err != nil {
			return err
		}
	}
	p := principal(c)
	res, err := a.auth.Switch(c.UserContext(), p, c.Params("id"), auth.Attempt{
		Code: in.Code, RecoveryCode: in.RecoveryCode, IP: c.IP(), UserAgent: c.Get(fiber.HeaderUserAgent),
	})
	switch err {
	case nil:
	case auth.ErrTOTPRequired:
		return errTOTPRequired
	case auth.ErrSecondFactor:
		return errTOTPWrong
	default:
		return err
	}
	a.securityEvent(c, "auth.switch", "success", res.User.ID, a.emailDigest(res.User.Email))
	setSessionCookie(c, res.Token, res.Session.AbsoluteUntil)
	return c.JSON(api.LoginResponse{User: userView(a.users.SignedIn(res.User.ID, res.Account.Members[res.User.ID], res.Session.CreatedAt)), CSRFToken: res.Session.CSRF})
}

// choicesView names each account and the person's role there.
func choicesView(ms []auth.Membership) []api.AccountChoice {
	out := make([]api.AccountChoice, 0, len(ms))
	for _, m := range ms {
		r, _ := m.Account.Role(m.Account.Members[m.UserID].RoleID)
		out = append(out, api.AccountChoice{ID: m.Account.ID, Name: m.Account.Name, RoleName: r.Name, Current: m.Current})
	}
	return out
}
