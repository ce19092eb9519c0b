package httpapi

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/shared/api"
)

var (
	errInvalidCredentials = problem(fiber.StatusUnauthorized, api.CodeInvalidCredentials, "Email or password is wrong.")
	errTooManyAttempts    = problem(fiber.StatusTooManyRequests, api.CodeTooManyAttempts, "Too many failed attempts; try again later.")
	errTOTPRequired       = problem(fiber.StatusUnauthorized, api.CodeTOTPRequired, "Enter the code from your authenticator app, or a recovery code.")
	errTOTPWrong          = problem(fiber.StatusUnauthorized, api.CodeTOTPRequired, "That code is wrong or was used already; enter the current code.")
)

// login: POST /auth/login.
func (a *API) login(c *fiber.Ctx) error {
	var in api.LoginRequest
	if err := decode(c, &in); err != nil {
		return err
	}
	fields := map[string]string{}
	if strings.TrimSpace(in.Email) == "" {
		fields["email"] = "Enter your email."
	}
	if in.Password == "" {
		fields["password"] = "Enter your password."
	}
	if len(fields) > 0 {
		return invalidInput("Email and password are required.", fields)
	}
	res, err := a.auth.Login(c.UserContext(), auth.Attempt{
		Email: in.Email, Password: in.Password, Code: in.Code, RecoveryCode: in.RecoveryCode,
		IP: c.IP(), UserAgent: c.Get(fiber.HeaderUserAgent), Device: c.Cookies(deviceCookie(c)),
	})
	email := a.emailDigest(in.Email)
	if throttled, ok := err.(*auth.Throttled); ok {
		a.securityEvent(c, "auth.login", "throttled", "", email)
		return tooManyAttempts(c, throttled.RetryAfter)
	}
	switch err {
	case nil:
		a.securityEvent(c, "auth.login", "success", res.User.ID, email)
	case auth.ErrInvalidCredentials:
		a.securityEvent(c, "auth.login", "failure", "", email)
		return errInvalidCredentials
	case auth.ErrTOTPRequired:
		a.securityEvent(c, "auth.login", "second_factor_required", "", email)
		return errTOTPRequired
	case auth.ErrSecondFactor:
		a.securityEvent(c, "auth.login", "second_factor_failure", "", email)
		return errTOTPWrong
	default:
		return err
	}
	// The browser's previous session, if any, ends: one browser, one session.
	if old := c.Cookies(sessionCookie(c)); old != "" {
		if err := a.auth.Logout(c.UserContext(), old); err != nil {
			return err
		}
	}
	setSessionCookie(c, res.Token, res.Session.AbsoluteUntil)
	setDeviceCookie(c, res.Device)
	out := api.LoginResponse{User: userView(a.users.SignedIn(res.User.ID, res.Account.Members[res.User.ID], res.Session.CreatedAt)), CSRFToken: res.Session.CSRF}
	if len(res.Accounts) > 1 {
		out.Accounts = choicesView(res.Accounts)
	}
	return c.JSON(out)
}

// logout: POST /auth/logout. The session is deleted from the store, so the
// cookie is worthless even if a copy survives.
func (a *API) logout(c *fiber.Ctx) error {
	if err := a.auth.Logout(c.UserContext(), c.Cookies(sessionCookie(c))); err != nil {
		return err
	}
	clearSessionCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// sessionCookie names the cookie: over TLS with the __Host- prefix, which
// browsers accept only when Secure, for path / and with no domain, so no
// subdomain or plain-HTTP page can set or shadow it.
func sessionCookie(c *fiber.Ctx) string {
	if c.Protocol() == "https" {
		return "__Host-" + SessionCookie
	}
	return SessionCookie
}

// deviceCookie names the known-device cookie, prefixed like the session's.
func deviceCookie(c *fiber.Ctx) string {
	if c.Protocol() == "https" {
		return "__Host-" + DeviceCookie
	}
	return DeviceCookie
}

// DeviceCookie is the name of the cookie that tells a browser its owner
// signed in from before; it outlives sessions and sign-outs.
const DeviceCookie = "device"

// deviceLifetime is how long a browser stays known without a sign-in.
const deviceLifetime = 180 * 24 * time.Hour

func setDeviceCookie(c *fiber.Ctx, value string) {
	c.Cookie(&fiber.Cookie{
		Name:     deviceCookie(c),
		Value:    value,
		Path:     "/",
		Expires:  time.Now().Add(deviceLifetime),
		HTTPOnly: true,
		Secure:   c.Protocol() == "https",
		SameSite: fiber.CookieSameSiteStrictMode,
	})
}

func setSessionCookie(c *fiber.Ctx, token string, expires time.Time) {
	c.Cookie(&fiber.Cookie{
		Name:     sessionCookie(c),
		Value:    token,
		Path:     "/",
		Expires:  expires,
		HTTPOnly: true,
		Secure:   c.Protocol() == "https",
		SameSite: fiber.CookieSameSiteStrictMode,
	})
}

func clearSessionCookie(c *fiber.Ctx) {
	c.Cookie(&fiber.Cookie{
		Name:     sessionCookie(c),
		Path:     "/",
		Expires:  time.Unix(0, 0),
		HTTPOnly: true,
		Secure:   c.Protocol() == "https",
		SameSite: fiber.CookieSameSiteStrictMode,
	})
}
