package httpapi

import (
	"crypto/subtle"
	"log/slog"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/edit"
	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/rules"
)

// SessionCookie is the name of the session cookie (prefixed over TLS).
const SessionCookie = "session"

// CSRFHeader carries the session's CSRF token on every change.
const CSRFHeader = "X-CSRF-Token"

const principalKey = "principal"

// guard enforces a route's declared access: a valid session (401), the CSRF
// token on every change made with that session (403 csrf), and the declared
// permission (403 forbidden, naming it).
func (a *API) guard(access Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if access.IsPublic() {
			return c.Next()
		}
		p, err := a.auth.Authenticate(c.UserContext(), c.Cookies(sessionCookie(c)))
		if err == auth.ErrUnauthenticated {
			clearSessionCookie(c)
			a.securityEvent(c, "authz.refused", api.CodeUnauthenticated, "")
			return errUnauthenticated
		} else if err != nil {
			return err
		}
		c.Locals(principalKey, p)
		refuse := func(pr *Problem) error {
			a.securityEvent(c, "authz.refused", pr.Body.Code, p.Session.UserID, slog.String("account", p.Account.ID), slog.String("needs", access.String()))
			return pr
		}
		if p.TwoFactor.MustEnroll && !access.enrolment {
			return refuse(errEnrol)
		}
		if unsafeMethod(c.Method()) {
			got := []byte(c.Get(CSRFHeader))
			if subtle.ConstantTimeCompare(got, []byte(p.Session.CSRF)) != 1 {
				return refuse(errCSRF)
			}
		}
		if !access.Allows(p.Can, p.Subject.SuperAdmin()) {
			msg := rules.Needs("This", access.Permission).Message
			if access.kind == superAdmin {
				msg = rules.OnlySuperAdmins(p.Actor()).Message
			}
			return refuse(problem(fiber.StatusForbidden, api.CodeForbidden, msg))
		}
		if !unsafeMethod(c.Method()) {
			return c.Next()
		}
		ctx, entry := edit.Noting(c.UserContext())
		c.SetUserContext(ctx)
		err = c.Next()
		if *entry != "" {
			c.Set(AuditEntryHeader, *entry)
		}
		return err
	}
}

// AuditEntryHeader names, on the answer to a change, the audit record the
// change wrote: the id to undo it with (POST /audit/{id}/revert).
const AuditEntryHeader = "Audit-Entry"

var errEnrol = problem(fiber.StatusForbidden, api.CodeEnrollmentRequired,
	"This account requires two-factor sign-in: set it up under My account before anything else.")

func principal(c *fiber.Ctx) *auth.Principal {
	p, _ := c.Locals(principalKey).(*auth.Principal)
	return p
}

func unsafeMethod(m string) bool {
	switch m {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return false
	}
	return true
}
