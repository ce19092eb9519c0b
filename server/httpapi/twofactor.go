package httpapi

import (
	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

func (a *API) enrollTOTP(c *fiber.Ctx) error {
	out, err := a.totp.Enroll(c.UserContext(), principal(c))
	if err != nil {
		return err
	}
	return c.JSON(enrollmentView(out))
}

func (a *API) confirmTOTP(c *fiber.Ctx) error {
	var in api.TOTPCode
	if err := decode(c, &in); err != nil {
		return err
	}
	codes, err := a.totp.Confirm(c.UserContext(), principal(c), in.Code)
	if err != nil {
		return err
	}
	return c.JSON(api.RecoveryCodes{RecoveryCodes: codes})
}

func (a *API) disableTOTP(c *fiber.Ctx) error {
	var in api.DisableTOTP
	if err := decode(c, &in); err != nil {
		return err
	}
	if err := a.totp.Disable(c.UserContext(), principal(c), in); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (a *API) reset2FA(c *fiber.Ctx) error {
	if err := a.totp.Reset(c.UserContext(), principal(c), c.Params("id")); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
