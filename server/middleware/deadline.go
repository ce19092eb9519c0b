package middleware

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// DeadlineConfig configures Deadline.
type DeadlineConfig struct {
	// Timeout bounds the work of one request; default 10s.
	Timeout time.Duration
}

// Deadline gives each request's context a deadline, so that a store that
// stops answering makes requests fail instead of hang.
func Deadline(cfg DeadlineConfig) fiber.Handler {
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), cfg.Timeout)
		defer cancel()
		c.SetUserContext(ctx)
		return c.Next()
	}
}
