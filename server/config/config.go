// Package config reads the server's settings from the environment.
package config

import (
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/middleware"
)

// Settings are the environment's settings: the server's, and the process's own.
type Settings struct {
	Server server.Config
	// Addr is where to listen; ADDR, default ":8080".
	Addr string
	// PublicURL is where people open the console, for the start-up message;
	// PUBLIC_URL, default derived from Addr.
	PublicURL string
	// TLSCertFile and TLSKeyFile, both or neither, make the server answer
	// HTTPS itself, for deployments without a TLS-terminating proxy.
	TLSCertFile, TLSKeyFile string
	LogLevel                slog.Level
	LogFormat               string
}

// Vars lists every environment variable read, with its meaning, for the README and -help.
var Vars = [][2]string{
	{"ADDR", "address to listen on (default :8080)"},
	{"PUBLIC_URL", "URL people open, printed at start (default http://localhost:PORT/)"},
	{"MONGODB_URI", "MongoDB to use; unset: the embedded store in DATA_DIR"},
	{"MONGODB_DATABASE", "database name (default console)"},
	{"DATA_DIR", "folder of the embedded store's files (default ./data)"},
	{"EMBEDDED_STORE_ADDR", "loopback address where other servers reach the embedded store, with the credentials in DATA_DIR/store; set, the MONGODB_URI they use is printed (default a free port on 127.0.0.1)"},
	{"STORE_TIMEOUT", "how long to wait for an unreachable store (default 3s)"},
	{"WEB_DIR", "folder of the built UI (default ./web)"},
	{"SESSION_IDLE_TIMEOUT", "sign out after this long unused (default 30m)"},
	{"SESSION_ABSOLUTE_TIMEOUT", "sign out this long after sign-in (default 12h)"},
	{"TRUSTED_PROXIES", "comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (default none)"},
	{"TLS_CERT_FILE", "PEM certificate (chain) to serve HTTPS with, with TLS_KEY_FILE (default plain HTTP)"},
	{"TLS_KEY_FILE", "PEM private key of TLS_CERT_FILE"},
	{"TOTP_KEY", "32 random bytes, base64, that encrypt TOTP secrets at rest and sign known-device cookies; unset: a key file made in DATA_DIR (set it when several servers share a MongoDB)"},
	{"SMTP_URL", "mail server, smtp://user:password@host:587?from=address (STARTTLS) or smtps://; unset: mail is kept in an outbox that super admins read in the console"},
	{"INVITE_TTL", "how long an invitation link works (default 168h)"},
	{"PRESET", "set-up of the demo account: saas-admin (default), two-role, clinic-four, clinic-six or ladder"},
	{"BOOTSTRAP_EMAIL", "first user of the demo account made on an empty store (default owner@demo.clinic)"},
	{"BOOTSTRAP_PASSWORD", "that user's password (default: generated and printed)"},
	{"DEBUG_ADDR", "loopback address serving runtime figures at /debug/vars, for load runs (default off)"},
	{"LOG_LEVEL", "debug, info, warn or error (default info)"},
	{"LOG_FORMAT", "json or text (default json)"},
}

// Load reads the settings through getenv (os.Getenv in production).
func Load(getenv func(string) string) (Settings, error) {
	var s Settings
	var err error
	s.Addr = or(getenv("ADDR"), ":8080")
	s.PublicURL = getenv("PUBLIC_URL")
	if s.PublicURL == "" {
		_, port, _ := strings.Cut(s.Addr, ":")
		s.PublicURL = "http://localhost:" + port + "/"
	}
	c := &s.Server
	c.Store.URI = getenv("MONGODB_URI")
	c.Store.Database = getenv("MONGODB_DATABASE")
	c.Store.DataDir = or(getenv("DATA_DIR"), "./data")
	c.Store.EmbeddedAddr = getenv("EMBEDDED_STORE_ADDR")
	c.WebDir = or(getenv("WEB_DIR"), "./web")
	c.BootstrapEmail = getenv("BOOTSTRAP_EMAIL")
	c.BootstrapPassword = getenv("BOOTSTRAP_PASSWORD")
	c.SMTPURL = getenv("SMTP_URL")
	c.Preset = getenv("PRESET")
	c.TOTPKey = getenv("TOTP_KEY")
	c.Users.PublicURL = s.PublicURL
	if c.API.TrustedProxies, err = middleware.ParseTrustedProxies(strings.Split(getenv("TRUSTED_PROXIES"), ",")); err != nil {
		return s, fmt.Errorf("TRUSTED_PROXIES: %w", err)
	}
	s.TLSCertFile, s.TLSKeyFile = getenv("TLS_CERT_FILE"), getenv("TLS_KEY_FILE")
	if (s.TLSCertFile == "") != (s.TLSKeyFile == "") {
		return s, fmt.Errorf("TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither")
	}
	if s.TLSCertFile != "" && getenv("PUBLIC_URL") == "" {
		s.PublicURL = "https://" + strings.TrimPrefix(s.PublicURL, "http://")
		c.Users.PublicURL = s.PublicURL
	}
	durations := []struct {
		name string
		dst  *time.Duration
	}{
		{"STORE_TIMEOUT", &c.Store.Timeout},
		{"SESSION_IDLE_TIMEOUT", &c.Auth.IdleTimeout},
		{"SESSION_ABSOLUTE_TIMEOUT", &c.Auth.AbsoluteTimeout},
		{"INVITE_TTL", &c.Users.InviteTTL},
	}
	for _, d := range durations {
		if v := getenv(d.name); v != "" {
			if *d.dst, err = time.ParseDuration(v); err != nil || *d.dst <= 0 {
				return s, fmt.Errorf("%s=%q is not a positive duration such as 30m", d.name, v)
			}
		}
	}
	if err := s.LogLevel.UnmarshalText([]byte(or(getenv("LOG_LEVEL"), "info"))); err != nil {
		return s, fmt.Errorf("LOG_LEVEL: %w", err)
	}
	s.LogFormat = or(getenv("LOG_FORMAT"), "json")
	if s.LogFormat != "json" && s.LogFormat != "text" {
		return s, fmt.Errorf("LOG_FORMAT=%q: use json or text", s.LogFormat)
	}
	return s, nil
}

// Logger is the process's logger, on standard error.
func (s Settings) Logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: s.LogLevel}
	if s.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewJSONHandler(os.Stderr, opts))
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
