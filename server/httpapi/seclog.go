package httpapi

import (
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
)

// securityEvent records an authentication decision or a refused request
// for the security log (OWASP ASVS V7): what, who, from where, when (UTC).
// It never records a password, a code or a token.
func (a *API) securityEvent(c *fiber.Ctx, event, outcome, actor string, attrs ...slog.Attr) {
	attrs = append(attrs,
		slog.String("outcome", outcome),
		slog.String("actor", actor),
		slog.String("ip", c.IP()),
		slog.String("at", time.Now().UTC().Format(time.RFC3339Nano)),
		slog.String("method", c.Method()),
		slog.String("path", c.Path()),
	)
	level := slog.LevelInfo
	if outcome != "success" {
		level = slog.LevelWarn
	}
	a.log.LogAttrs(c.UserContext(), level, event, attrs...)
}
