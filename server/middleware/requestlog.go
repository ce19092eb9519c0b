// Package middleware holds the Fiber middlewares the server stacks: each
// does one thing and takes a Config with defaults.
package middleware

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
)

// RequestLogConfig configures RequestLog.
type RequestLogConfig struct {
	// Logger receives one record per request; default slog.Default().
	Logger *slog.Logger
	// User names who made the request, when known; default none.
	User func(*fiber.Ctx) string
}

// RequestLog gives each request an id (X-Request-ID) and logs it once done:
// method, path without the query, status, duration, client IP and user. It
// never logs bodies, headers or cookies, where passwords and tokens travel.
func RequestLog(cfg RequestLogConfig) fiber.Handler {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return func(c *fiber.Ctx) error {
		start := time.Now()
		id := requestID()
		c.Set("X-Request-ID", id)
		if err := c.Next(); err != nil {
			// Let the error handler write the answer now, so its status is logged.
			if herr := c.App().Config().ErrorHandler(c, err); herr != nil {
				_ = c.SendStatus(fiber.StatusInternalServerError)
			}
		}
		status := c.Response().StatusCode()
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("id", id),
			slog.String("method", c.Method()),
			slog.String("path", c.Path()),
			slog.Int("status", status),
			slog.Float64("ms", float64(time.Since(start).Microseconds())/1000),
			slog.String("ip", c.IP()),
		}
		if cfg.User != nil {
			if u := cfg.User(c); u != "" {
				attrs = append(attrs, slog.String("user", u))
			}
		}
		cfg.Logger.LogAttrs(c.UserContext(), level, "request", attrs...)
		return nil
	}
}

func requestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
