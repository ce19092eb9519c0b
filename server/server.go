// Package server assembles the console: the store, the services, the API
// and the web app, in one process.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/accounts"
	"github.com/rolesconsole/console/server/audit"
	"github.com/rolesconsole/console/server/auth"
	"github.com/rolesconsole/console/server/httpapi"
	"github.com/rolesconsole/console/server/limits"
	"github.com/rolesconsole/console/server/mail"
	"github.com/rolesconsole/console/server/password"
	"github.com/rolesconsole/console/server/roles"
	"github.com/rolesconsole/console/server/seal"
	"github.com/rolesconsole/console/server/security"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/server/totp"
	"github.com/rolesconsole/console/server/users"
	"github.com/rolesconsole/console/server/webapp"
)

// Config is everything the server is told at start.
type Config struct {
	Store store.Config
	Auth  auth.Config
	API   httpapi.Config
	// WebDir is the folder of the built UI; default "web".
	WebDir string
	// Preset is the set-up of the demo account; default preset.Default.
	Preset string
	// BootstrapEmail and BootstrapPassword name the demo account's first
	// user, created when the store holds no account.
	BootstrapEmail    string
	BootstrapPassword string
	// TOTPKey seals TOTP secrets at rest (32 bytes, base64); empty: a key
	// file made in the embedded store's data folder.
	TOTPKey string
	// SMTPURL names the mail server; empty keeps mail in the store's outbox.
	SMTPURL string
	// Users sets the links of invitations and resets and how long they work.
	Users users.Config
	// SweepEvery is how often expired sessions and links are deleted, and
	// queued reset requests of other servers mailed; default 1m.
	SweepEvery time.Duration
	Logger     *slog.Logger
}

// Server is a running console.
type Server struct {
	Store *store.Store
	Auth  *auth.Service
	App   *fiber.App
	API   *httpapi.API
	// Demo is the account created at this start, if any.
	Demo *accounts.Demo

	stopSweep context.CancelFunc
	swept     chan struct{}
	// delivered is closed when reset links are no longer mailed.
	delivered chan struct{}
}

// New opens the store, creates the demo account on an empty store, and
// builds the HTTP app. It does not listen yet.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.WebDir == "" {
		cfg.WebDir = "web"
	}
	if cfg.SweepEvery == 0 {
		cfg.SweepEvery = time.Minute
	}
	cfg.Store.Logger, cfg.API.Logger = cfg.Logger, cfg.Logger
	st, err := store.Open(ctx, cfg.Store)
	if err != nil {
		return nil, err
	}
	s := &Server{Store: st}
	key, err := secretKey(cfg)
	if err != nil {
		st.Close(ctx)
		return nil, err
	}
	cfg.Auth.DeviceKey = seal.Derive(key, "known-device cookies")
	cfg.Auth.Salts = salts(key)
	if s.Demo, err = accounts.EnsureDemo(ctx, st, cfg.Auth.Salts, cfg.Preset, cfg.BootstrapEmail, cfg.BootstrapPassword); err != nil {
		st.Close(ctx)
		return nil, fmt.Errorf("creating the demo account: %w", err)
	}
	logKey := seal.Derive(key, "security log: email")
	if s.Auth, err = auth.New(st, cfg.Auth); err != nil {
		st.Close(ctx)
		return nil, err
	}
	box, err := seal.New(key)
	if err != nil {
		st.Close(ctx)
		return nil, err
	}
	second := totp.New(st, s.Auth, box, cfg.Auth.Now)
	s.Auth.UseSecondFactor(second)
	sender, err := mail.New(cfg.SMTPURL, st, cfg.Logger)
	if err != nil {
		st.Close(ctx)
		return nil, err
	}
	people := users.New(st, s.Auth, sender, cfg.Users)
	settings := accounts.NewService(st, s.Auth.SessionLimits())
	cfg.API.LogKey = logKey
	s.App, s.API = httpapi.New(httpapi.Deps{
		Health: st, Limits: limits.New(st, limits.Config{}), Auth: s.Auth, Accounts: settings, Audit: audit.New(st, roles.Undoers(), settings.Undoers(), users.Undoers()), Roles: roles.New(st), Security: security.New(st, cfg.Auth.Now), Users: people, TOTP: second,
	}, cfg.API)
	web, version, err := webapp.New(cfg.WebDir)
	if errors.Is(err, webapp.ErrNoWasm) {
		cfg.Logger.Warn("the UI is not built; the API works, pages will not load", "err", err)
	} else if err != nil {
		st.Close(ctx)
		return nil, err
	}
	s.App.Use(web)
	cfg.Logger.Info("console ready", "ui_version", version, "embedded_store", st.Embedded() != nil)

	sweepCtx, stop := context.WithCancel(context.Background())
	s.stopSweep, s.swept, s.delivered = stop, make(chan struct{}), make(chan struct{})
	go s.sweep(sweepCtx, cfg.SweepEvery, cfg.Logger)
	go func() {
		defer close(s.delivered)
		people.DeliverResets(sweepCtx, cfg.SweepEvery, cfg.Logger)
	}()
	return s, nil
}

// secretKey is the key that seals TOTP secrets: from the configuration, or
// from a key file in the data folder, created on first use. Several servers
// on one MongoDB need the same TOTP_KEY. The keys that sign known-device
// cookies and hash emails in the security log are derived from it, so
// every server signs and hashes alike, and no key tells another.
func secretKey(cfg Config) ([]byte, error) {
	var key []byte
	var err error
	if cfg.TOTPKey != "" {
		key, err = seal.ParseKey(cfg.TOTPKey)
	} else {
		dir := cfg.Store.DataDir
		if dir == "" {
			dir = "./data"
		}
		key, err = seal.LoadOrCreateKey(filepath.Join(dir, "secret.key"))
	}
	if err != nil {
		return nil, fmt.Errorf("TOTP_KEY: %w", err)
	}
	return key, nil
}

// PasswordSalts are the salts every server of the installation hashes
// passwords with, for tools that set passwords without a server.
func PasswordSalts(cfg Config) (password.Salts, error) {
	key, err := secretKey(cfg)
	if err != nil {
		return password.Salts{}, err
	}
	return salts(key), nil
}

func salts(key []byte) password.Salts { return password.NewSalts(seal.Derive(key, "password salts")) }

// sweep deletes expired sessions and throttle windows until stopped.
func (s *Server) sweep(ctx context.Context, every time.Duration, log *slog.Logger) {
	defer close(s.swept)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			err := s.Auth.Sweep(ctx)
			if err == nil {
				err = s.Store.Tokens.DeleteExpired(ctx, time.Now())
			}
			if err == nil {
				err = s.Store.OneTime.DeleteBefore(ctx, time.Now().Add(-24*time.Hour))
			}
			if err == nil {
				err = s.Store.Accounts.PruneVersions(ctx, time.Now())
			}
			if err != nil && ctx.Err() == nil {
				log.Warn("sweeping expired sessions and links", "err", err)
			}
		}
	}
}

// Serve answers HTTP on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	return s.App.Listener(ln)
}

// Shutdown stops taking requests, lets running ones finish, and closes the store.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.App.ShutdownWithContext(ctx)
	s.stopSweep()
	<-s.swept
	<-s.delivered
	s.Store.Close(ctx)
	return err
}
