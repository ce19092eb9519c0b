package httpapi

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/roles"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
	"github.com/rolesconsole/console/shared/preset"
)

// catalog: GET /permissions, the account's enabled modules.
func (a *API) catalog(c *fiber.Ctx) error {
	acct := principal(c).Account
	return a.answers.send(c, "catalog", acct, func() any { return api.Catalog{Modules: perm.Modules(acct.Modules)} })
}

// listRoles: GET /roles. Holder counts depend on what the viewer may see
// of private roles, so answers are kept per viewpoint.
func (a *API) listRoles(c *fiber.Ctx) error {
	p := principal(c)
	acct, viewer := p.Account, p.Session.UserID
	return a.answers.send(c, "roles\x00"+acct.Viewpoint(viewer), acct, func() any { return api.RoleList{Items: roleViews(roles.Views(acct, viewer))} })
}

func (a *API) getRole(c *fiber.Ctx) error {
	p := principal(c)
	r, err := roles.View(p.Account, p.Session.UserID, c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(roleView(r))
}

func (a *API) createRole(c *fiber.Ctx) error {
	var in api.CreateRole
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := a.roles.Create(c.UserContext(), principal(c), in)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(roleView(r))
}

func (a *API) patchRole(c *fiber.Ctx) error {
	var in api.PatchRole
	if err := decode(c, &in); err != nil {
		return err
	}
	r, err := a.roles.Patch(c.UserContext(), principal(c), c.Params("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(roleView(r))
}

func (a *API) deleteRole(c *fiber.Ctx) error {
	if err := a.roles.Delete(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// toggle: PUT /roles/{id}/permissions/{permission}, one cell of the matrix.
func (a *API) toggle(c *fiber.Ctx) error {
	var in api.Toggle
	if err := decode(c, &in); err != nil {
		return err
	}
	if in.Granted == nil {
		return invalidInput("Say whether the permission is granted.", map[string]string{"granted": "Required: true or false."})
	}
	id, err := url.PathUnescape(c.Params("permission"))
	if err != nil {
		return invalidInput("Malformed permission in the path.", nil)
	}
	if _, err := perm.Parse(id); err != nil {
		return invalidInput(err.Error(), map[string]string{"permission": "Use module.action or module.action:own."})
	}
	r, err := a.roles.Toggle(c.UserContext(), principal(c), c.Params("id"), id, *in.Granted)
	if err != nil {
		return err
	}
	return c.JSON(roleView(r))
}

// matrix: GET /matrix, every role against every permission.
func (a *API) matrix(c *fiber.Ctx) error {
	p := principal(c)
	acct, viewer := p.Account, p.Session.UserID
	return a.answers.send(c, "matrix\x00"+acct.Viewpoint(viewer), acct, func() any { return matrixView(roles.Matrix(acct, viewer)) })
}

// resetRole: POST /roles/{id}/reset, back to the preset's defaults.
func (a *API) resetRole(c *fiber.Ctx) error {
	r, err := a.roles.Reset(c.UserContext(), principal(c), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(roleView(r))
}

// preset: GET /preset, the account's preset and its default roles.
func (a *API) preset(c *fiber.Ctx) error {
	p, _ := preset.Lookup(principal(c).Account.Preset)
	return c.JSON(api.Preset{Key: p.Key, Name: p.Name, Roles: p.Roles})
}
