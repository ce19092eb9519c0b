package middleware

import "github.com/gofiber/fiber/v2"

// NoStore keeps answers out of every cache, the browser's included: API
// answers hold TOTP secrets, recovery codes, reset links in the outbox and
// people's data, which must not outlive the page that asked for them.
func NoStore() fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Next()
	}
}
