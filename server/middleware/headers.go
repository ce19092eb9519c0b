package middleware

import "github.com/gofiber/fiber/v2"

// HeadersConfig configures SecurityHeaders.
type HeadersConfig struct {
	// CSP is the Content-Security-Policy; default DefaultCSP.
	CSP string
	// HSTSMaxAge is sent over TLS only, in seconds; default one year.
	HSTSMaxAge string
}

// DefaultCSP lets the wasm app run and nothing else: scripts and styles
// from this origin only (no inline script), WebAssembly compilation
// ('wasm-unsafe-eval'), images from here and data: URLs (the TOTP QR code),
// no framing, no plugins.
const DefaultCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// SecurityHeaders sets the headers that keep browsers strict: CSP, no MIME
// sniffing, no framing, no referrer, and HSTS behind TLS.
func SecurityHeaders(cfg HeadersConfig) fiber.Handler {
	if cfg.CSP == "" {
		cfg.CSP = DefaultCSP
	}
	if cfg.HSTSMaxAge == "" {
		cfg.HSTSMaxAge = "31536000"
	}
	return func(c *fiber.Ctx) error {
		h := &c.Response().Header
		h.Set("Content-Security-Policy", cfg.CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if c.Protocol() == "https" {
			h.Set("Strict-Transport-Security", "max-age="+cfg.HSTSMaxAge+"; includeSubDomains")
		}
		return c.Next()
	}
}
