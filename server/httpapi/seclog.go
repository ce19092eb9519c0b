package httpapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/auth"
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

// emailDigest stands for a typed email in the security log: a keyed hash
// (HMAC-SHA256) of the normalised email. Repeated attempts on one address
// still line up, but a password typed into the email field never reaches
// the log, nor can a reader of the log test guesses of who was targeted
// without the server's key.
func (a *API) emailDigest(email string) slog.Attr {
	m := hmac.New(sha256.New, a.logKey)
	m.Write([]byte(auth.NormalizeEmail(email)))
	return slog.String("email_hmac", hex.EncodeToString(m.Sum(nil)[:16]))
}
