// Package limits counts the attempts of the routes that check a secret
// (passwords, codes, links), in the store so that every server process
// shares them: such a route must not be guessable from any one server.
package limits

import (
	"context"
	"time"

	"github.com/rolesconsole/console/server/store"
)

// Config sets the windows the limits count in.
type Config struct {
	// Window is how long a key's failures are counted; default 15 minutes.
	Window time.Duration
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// Service claims and gives back attempts on keys.
type Service struct {
	st  *store.Store
	cfg Config
}

// New makes a Service.
func New(st *store.Store, cfg Config) *Service {
	if cfg.Window == 0 {
		cfg.Window = 15 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Service{st: st, cfg: cfg}
}

// rule lets free attempts of a key through in each window, then refuses it
// until the window closes.
func (s *Service) rule(free int) store.Rule {
	return store.Rule{Window: s.cfg.Window, Free: free}
}

// Claim takes a slot of key for one attempt, free slots a window. It
// answers 0 when the attempt may go on, else how long until the key takes
// one again.
func (s *Service) Claim(ctx context.Context, key string, free int) (time.Duration, error) {
	return s.st.Throttles.Claim(ctx, key, s.rule(free), s.cfg.Now())
}

// Release gives back the slot an attempt claimed, when it succeeded: only
// failures count.
func (s *Service) Release(ctx context.Context, key string, free int) error {
	return s.st.Throttles.Release(ctx, key, s.rule(free), s.cfg.Now())
}
