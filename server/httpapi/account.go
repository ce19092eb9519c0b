package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
)

// account: GET /account.
func (a *API) account(c *fiber.Ctx) error {
	p := principal(c)
	return c.JSON(a.accountView(p.Account, p.Subject))
}

// patchAccount: PATCH /account.
func (a *API) patchAccount(c *fiber.Ctx) error {
	var in api.PatchAccount
	if err := decode(c, &in); err != nil {
		return err
	}
	acct, err := a.accounts.Patch(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return c.JSON(a.accountView(acct, principal(c).Subject))
}

// outbox: GET /mail, the emails kept when no SMTP server is configured,
// for super admins only: they carry sign-in links.
func (a *API) outbox(c *fiber.Ctx) error {
	msgs, err := a.accounts.Outbox(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	out := api.MailList{Items: []api.MailMessage{}}
	for _, m := range msgs {
		out.Items = append(out.Items, api.MailMessage{ID: m.ID, At: m.At, To: m.To, Subject: m.Subject, Text: m.Text, InviteFor: m.InviteFor, InviteLink: m.InviteLink})
	}
	return c.JSON(out)
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
