package embedded_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/rolesconsole/console/server/store/embedded"
)

// The server counts this process's own writes beside others' traffic, and
// while stopped answers nothing from its files: the store is down.
func TestOutsideCountsAndStoppedMeansDown(t *testing.T) {
	e, err := embedded.Start(t.TempDir(), "127.0.0.1:0", slog.Default())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if !e.Running() {
		t.Fatal("not running after Start")
	}
	before := e.Outside()
	e.CountOwnWrite()
	e.CountOwnWrite()
	if got := e.Outside() - before; got != 2 {
		t.Fatalf("two own writes counted as %d", got)
	}
	e.Stop()
	if _, err := e.Has(context.Background(), "console", "accounts", "x"); !errors.Is(err, embedded.ErrStopped) {
		t.Fatalf("Has while stopped: %v; want ErrStopped", err)
	}
	if err := e.Start(); err != nil || !e.Running() {
		t.Fatalf("restart: %v, running %v", err, e.Running())
	}
}

// Only loopback addresses are accepted: the store has no passwords of its
// own, so it must never listen where other machines reach it.
func TestStartRefusesAnAddressOffThisMachine(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "192.0.2.1:0", "example.com:0", "nonsense"} {
		if e, err := embedded.Start(t.TempDir(), addr, slog.Default()); err == nil {
			e.Close()
			t.Errorf("%s: started", addr)
		}
	}
}
