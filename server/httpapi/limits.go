package httpapi

import (
	"errors"
	"math"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/shared/api"
)

// limitKey names whose attempts a route limit counts.
type limitKey func(c *fiber.Ctx) string

// perIP counts a route's attempts per client IP.
func perIP(name string) limitKey {
	return func(c *fiber.Ctx) string { return "rate:" + name + ":ip:" + c.IP() }
}

// perUser counts a signed-in route's attempts per user, wherever they come from.
func perUser(name string) limitKey {
	return func(c *fiber.Ctx) string { return "rate:" + name + ":user:" + principal(c).Session.UserID }
}

// limited lets at most max failed attempts per key through h in each
// window of the limits service: the routes that check a secret
// (passwords, codes, links) must not be guessable. Each attempt claims its
// slot before h checks anything; one that succeeds, or is refused as
// malformed before any check, gives it back: only failures count.
func (a *API) limited(key limitKey, max int, h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		k := key(c)
		if err := a.claim(c, k, max); err != nil {
			return err
		}
		herr := h(c)
		var p *Problem
		if herr == nil || errors.As(herr, &p) && p.Body.Code == api.CodeInvalidInput {
			if err := a.limits.Release(c.UserContext(), k, max); err != nil {
				return errors.Join(herr, err)
			}
		}
		return herr
	}
}

// claim takes a slot of the throttle key for this request, or refuses it
// as too many attempts, saying when to try again.
func (a *API) claim(c *fiber.Ctx, key string, free int) error {
	retry, err := a.limits.Claim(c.UserContext(), key, free)
	if err != nil {
		return err
	}
	if retry > 0 {
		return tooManyAttempts(c, retry)
	}
	return nil
}

// tooManyAttempts refuses a request with the whole seconds until the
// next attempt is taken.
func tooManyAttempts(c *fiber.Ctx, retry time.Duration) error {
	c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(retry.Seconds()))))
	return errTooManyAttempts
}
