package httpapi

import (
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

// limitWindow is the window of the per-route rate limits.
const limitWindow = 15 * time.Minute

// limited lets at most max attempts per client IP through h in each window,
// counted in the store so that every server process shares them: the routes
// that check a secret (codes, links) must not be guessable. A request
// refused as malformed before any check is not counted: it changes nothing.
func (a *API) limited(name string, max int, h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		key := "rate:" + name + ":" + c.IP()
		n, err := a.store.Throttles.Count(c.UserContext(), key, time.Now())
		if err != nil {
			return err
		}
		if n >= max {
			c.Set(fiber.HeaderRetryAfter, "900")
			return errTooManyAttempts
		}
		herr := h(c)
		var p *Problem
		if errors.As(herr, &p) && p.Body.Code == api.CodeInvalidInput {
			return herr
		}
		if _, err := a.store.Throttles.Fail(c.UserContext(), key, time.Now(), limitWindow); err != nil {
			return errors.Join(herr, err)
		}
		return herr
	}
}
