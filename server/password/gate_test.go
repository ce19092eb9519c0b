package password

import (
	"errors"
	"testing"
	"time"
)

// Past its slots a gate lets a few wait and refuses the rest at once; a
// waiter takes the first slot given back, or is refused after its wait.
func TestGateBoundsHashesAtOnce(t *testing.T) {
	g := newGate(2, 1, time.Hour)
	for range 2 {
		if err := g.enter(); err != nil {
			t.Fatalf("a free slot: %v", err)
		}
	}
	waited := make(chan error)
	go func() { waited <- g.enter() }()
	for g.waiting.Load() != 1 {
		time.Sleep(time.Millisecond)
	}
	if err := g.enter(); !errors.Is(err, ErrBusy) {
		t.Fatalf("slots taken and the queue full: %v, want ErrBusy", err)
	}
	g.leave()
	if err := <-waited; err != nil {
		t.Fatalf("the waiter after a slot was given back: %v", err)
	}

	short := newGate(1, 1, time.Millisecond)
	if err := short.enter(); err != nil {
		t.Fatal(err)
	}
	if err := short.enter(); !errors.Is(err, ErrBusy) {
		t.Fatalf("a waiter past its wait: %v, want ErrBusy", err)
	}
	if n := short.waiting.Load(); n != 0 {
		t.Fatalf("%d still counted as waiting", n)
	}
}

// Verify and Hash are refused with ErrBusy, not "wrong", when the gate is full.
func TestBusyIsNoWrongPassword(t *testing.T) {
	h, err := testSalts.Hash("sam@sunrise.example", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	saved := hashing
	defer func() { hashing = saved }()
	hashing = newGate(1, 0, time.Millisecond)
	if err := hashing.enter(); err != nil {
		t.Fatal(err)
	}
	if ok, err := Verify("correct horse battery", h); ok || !errors.Is(err, ErrBusy) {
		t.Errorf("Verify on a full gate = %v, %v; want ErrBusy", ok, err)
	}
	if _, err := testSalts.Hash("sam@sunrise.example", "another password"); !errors.Is(err, ErrBusy) {
		t.Errorf("Hash on a full gate: %v; want ErrBusy", err)
	}
}
