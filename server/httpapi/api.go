// Package httpapi is the JSON API over Fiber, described by openapi.go:
// thin handlers that decode, call a service and encode.
package httpapi

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/netip"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/audit"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/limits"
	"github.com/rolesconsole/console/server/middleware"
	"github.com/rolesconsole/console/server/roles"
	"github.com/rolesconsole/console/server/security"
	"github.com/rolesconsole/console/server/totp"
	"github.com/rolesconsole/console/server/users"
)

// Config sets the API's limits.
type Config struct {
	// BodyLimit caps a request body in bytes; default 1 MiB. Larger: 413.
	BodyLimit int
	// RequestTimeout bounds one request's work; default 10s.
	RequestTimeout time.Duration
	// Logger receives request and error records; default slog.Default().
	Logger *slog.Logger
	// TrustedProxies are the reverse proxies whose X-Forwarded-For (the
	// client's address) and X-Forwarded-Proto (https: the __Host- cookie,
	// Secure, HSTS) are believed; from anyone else they are ignored.
	TrustedProxies []netip.Prefix
	// LogKey keys the hash that stands for an email in the security log;
	// default a random key, so hashes match within one run only.
	LogKey []byte
}

func (c *Config) defaults() {
	if c.BodyLimit == 0 {
		c.BodyLimit = 1 << 20
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.LogKey == nil {
		c.LogKey = make([]byte, 32)
		_, _ = rand.Read(c.LogKey)
	}
}

// Health answers whether the data store answers, for /readyz.
type Health interface {
	Ping(ctx context.Context) error
}

// Deps are the services the handlers call.
type Deps struct {
	Health   Health
	Limits   *limits.Service
	Auth     *auth.Service
	Accounts *accounts.Service
	Audit    *audit.Service
	Roles    *roles.Service
	Security *security.Service
	Users    *users.Service
	TOTP     *totp.Service
}

// API holds what the handlers use.
type API struct {
	health   Health
	limits   *limits.Service
	auth     *auth.Service
	accounts *accounts.Service
	auditLog *audit.Service
	roles    *roles.Service
	security *security.Service
	users    *users.Service
	totp     *totp.Service
	log      *slog.Logger
	// logKey keys emailDigest.
	logKey []byte
	specCache
	answers answers
}

// New builds the Fiber app with the API under /api/v1, health checks, and
// JSON errors everywhere under /api. The caller mounts the web app after it.
func New(d Deps, cfg Config) (*fiber.App, *API) {
	cfg.defaults()
	a := &API{health: d.Health, limits: d.Limits, auth: d.Auth, accounts: d.Accounts, auditLog: d.Audit, roles: d.Roles, security: d.Security, users: d.Users, totp: d.TOTP, log: cfg.Logger, logKey: cfg.LogKey}
	app := fiber.New(fiber.Config{
		AppName:               "console",
		BodyLimit:             cfg.BodyLimit,
		ErrorHandler:          errorHandler(cfg.Logger),
		DisableStartupMessage: true,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           120 * time.Second,
		// Fiber believes forwarded headers only from these peers; the
		// client's address is then the one ForwardedFor leaves.
		EnableTrustedProxyCheck: true,
		TrustedProxies:          proxies(cfg.TrustedProxies),
		ProxyHeader:             proxyHeader(cfg.TrustedProxies),
		EnableIPValidation:      true,
	})
	app.Use(middleware.ForwardedFor(cfg.TrustedProxies))
	app.Use(middleware.RequestLog(middleware.RequestLogConfig{Logger: cfg.Logger, User: func(c *fiber.Ctx) string {
		if p := principal(c); p != nil {
			return p.Session.UserID
		}
		return ""
	}}))
	app.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: func(c *fiber.Ctx, e any) {
		cfg.Logger.ErrorContext(c.UserContext(), "panic", "path", c.Path(), "panic", e)
	}}))
	app.Use(middleware.SecurityHeaders(middleware.HeadersConfig{}))
	app.Use(middleware.Deadline(middleware.DeadlineConfig{Timeout: cfg.RequestTimeout}))
	app.Get("/healthz", a.healthz)
	app.Get("/readyz", a.readyz)
	app.Use("/api", middleware.NoStore())
	// Reads answer compressed when large, but for those carrying secrets.
	a.register(app.Group("/api/v1"), compressing(a.Routes()))
	app.Use("/api", func(*fiber.Ctx) error { return fiber.ErrNotFound })
	return app, a
}

func proxies(ps []netip.Prefix) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func proxyHeader(ps []netip.Prefix) string {
	if len(ps) == 0 {
		return ""
	}
	return fiber.HeaderXForwardedFor
}

func (a *API) healthz(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

// readyz answers 200 only while the store answers.
func (a *API) readyz(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := a.health.Ping(ctx); err != nil {
		return errUnavailable
	}
	return c.JSON(fiber.Map{"status": "ready"})
}
