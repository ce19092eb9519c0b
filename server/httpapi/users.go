package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/tenant"
	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// listUsers: GET /users?status=&role=&q=&limit=&cursor=.
func (a *API) listUsers(c *fiber.Ctx) error {
	limit, err := pageLimit(c)
	if err != nil {
		return err
	}
	status := c.Query("status")
	switch status {
	case "", rules.StatusInvited, rules.StatusActive, rules.StatusDisabled, rules.StatusRevoked, rules.StatusDeleted, rules.StatusNoLogin:
	default:
		return invalidInput("Unknown status.", map[string]string{"status": "invited, active, disabled, revoked or deleted"})
	}
	list, err := a.users.List(c.UserContext(), principal(c).Account, users.Filter{
		Status: status, RoleID: c.Query("role"), Q: c.Query("q"), Limit: limit, Cursor: c.Query("cursor"),
		Viewer: principal(c).Session.UserID,
	})
	if err != nil {
		return err
	}
	return c.JSON(userListView(list))
}

func (a *API) userStats(c *fiber.Ctx) error {
	p := principal(c)
	return c.JSON(statsView(users.Stats(p.Account, p.Session.UserID)))
}

// createUser: POST /users; without a password the user is invited by email.
func (a *API) createUser(c *fiber.Ctx) error {
	var in api.CreateUser
	if err := decode(c, &in); err != nil {
		return err
	}
	id, m, err := a.users.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return a.view(c, fiber.StatusCreated, id, m)
}

func (a *API) getUser(c *fiber.Ctx) error {
	p := principal(c)
	got, err := a.users.Get(c.UserContext(), p.Account, p.Session.UserID, c.Params("id"))
	if err != nil {
		return err
	}
	u := userView(got)
	if u.LockedUntil, err = a.auth.LockedUntil(c.UserContext(), u.Email); err != nil {
		return err
	}
	return c.JSON(u)
}

// patchUser: PATCH /users/{id}. The route needs only a session: people
// rename themselves; every other change is judged by the rules.
func (a *API) patchUser(c *fiber.Ctx) error {
	var in api.PatchUser
	if err := decode(c, &in); err != nil {
		return err
	}
	m, err := a.users.Patch(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return a.view(c, fiber.StatusOK, c.Params("id"), m)
}

// view answers with a user as the API shows them.
func (a *API) view(c *fiber.Ctx, status int, id string, m tenant.Member) error {
	u, err := a.users.View(c.UserContext(), principal(c).Account.ID, id, m)
	if err != nil {
		return err
	}
	return c.Status(status).JSON(userView(u))
}

// deleteUser: DELETE /users/{id} moves to Deleted; ?purge=true removes a deleted user for good.
func (a *API) deleteUser(c *fiber.Ctx) error {
	action := rules.ActDelete
	if c.QueryBool("purge") {
		action = rules.ActPurge
	}
	if _, err := a.users.Act(c.UserContext(), principal(c), c.Params("id"), action); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// act: POST /users/{id}/{action}.
func (a *API) act(action string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		m, err := a.users.Act(c.UserContext(), principal(c), c.Params("id"), action)
		if err != nil {
			return err
		}
		status := fiber.StatusOK
		if action == rules.ActInvite {
			status = fiber.StatusAccepted
		}
		return a.view(c, status, c.Params("id"), m)
	}
}

func (a *API) effective(c *fiber.Ctx) error {
	p := principal(c)
	out, err := users.Effective(p.Account, p.Session.UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(effectiveView(out))
}

func (a *API) resetPassword(c *fiber.Ctx) error {
	var in api.ResetPassword
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := a.users.ResetPassword(c.UserContext(), principal(c), c.Params("id"), in); err != nil {
		return err
	}
	if in.Mode == "email" {
		return accepted(c)
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// forgot: POST /auth/password/forgot, 202 whether or not the email exists.
// forgotPerEmail and forgotPerIP are how many reset mails one client may
// ask for one email, and for any, in a window of the limits service.
const forgotPerEmail, forgotPerIP = 5, 50

func (a *API) forgot(c *fiber.Ctx) error {
	var in api.ForgotPassword
	if err := decode(c, &in); err != nil {
		return err
	}
	// Each request may send a mail: counted per email and client, and per
	// client, all alike whether the email exists.
	email := "rate:forgot:email:" + auth.KeyOf(in.Email)
	if err := a.claim(c, email+":ip:"+c.IP(), forgotPerEmail); err != nil {
		return err
	}
	if err := a.claim(c, "rate:forgot:ip:"+c.IP(), forgotPerIP); err != nil {
		return err
	}
	if err := a.users.Forgot(c.UserContext(), in.Email); err != nil {
		return err
	}
	return accepted(c)
}

// reset: POST /auth/password/reset; every session of the user ends.
func (a *API) reset(c *fiber.Ctx) error {
	var in api.NewPassword
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := a.users.Reset(c.UserContext(), in); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// acceptInvite: POST /auth/invites/accept, answered as a sign-in.
func (a *API) acceptInvite(c *fiber.Ctx) error {
	var in api.AcceptInvite
	if err := decode(c, &in); err != nil {
		return err
	}
	res, err := a.users.Accept(c.UserContext(), in, auth.Attempt{IP: c.IP(), UserAgent: c.Get(fiber.HeaderUserAgent)})
	if err != nil {
		return err
	}
	setSessionCookie(c, res.Token, res.Session.AbsoluteUntil)
	return c.JSON(api.LoginResponse{User: userView(a.users.SignedIn(res.User.ID, res.Account.Members[res.User.ID], res.Session.CreatedAt)), CSRFToken: res.Session.CSRF})
}

// joinInvite: POST /me/invites/accept, an invitation taken by the person
// signed in; answered as a switch to the account that invited them.
func (a *API) joinInvite(c *fiber.Ctx) error {
	var in api.JoinInvite
	if err := decode(c, &in); err != nil {
		return err
	}
	res, err := a.users.Join(c.UserContext(), principal(c), in.Token, auth.Attempt{IP: c.IP(), UserAgent: c.Get(fiber.HeaderUserAgent)})
	if err != nil {
		return err
	}
	setSessionCookie(c, res.Token, res.Session.AbsoluteUntil)
	return c.JSON(api.LoginResponse{User: userView(a.users.SignedIn(res.User.ID, res.Account.Members[res.User.ID], res.Session.CreatedAt)), CSRFToken: res.Session.CSRF})
}

// changePassword: POST /me/password; the user's other sessions end.
func (a *API) changePassword(c *fiber.Ctx) error {
	var in api.ChangePassword
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := a.users.ChangeOwn(c.UserContext(), principal(c), in); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// accepted answers 202 with no body, as the contract says: SendStatus
// would write "Accepted" as text.
func accepted(c *fiber.Ctx) error {
	return c.Status(fiber.StatusAccepted).Send(nil)
}

// checkInvite: POST /auth/invites/check, what an invitation link is for,
// read before it is accepted; the link stays unspent.
func (a *API) checkInvite(c *fiber.Ctx) error {
	var in api.CheckInvite
	if err := decode(c, &in); err != nil {
		return err
	}
	inv, err := a.users.Invitation(c.UserContext(), in.Token)
	if err != nil {
		return err
	}
	return c.JSON(inv)
}
