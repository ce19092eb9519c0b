package password

import (
	"errors"
	"runtime"
	"sync/atomic"
	"time"
)

// ErrBusy is a hash refused because as many as the cores can run are
// running and enough are waiting already: the server is busy signing people
// in (or setting passwords), and the caller should try again in a moment.
var ErrBusy = errors.New("password: busy hashing; try again in a moment")

// RetryAfter is how long to wait before trying again after ErrBusy.
const RetryAfter = time.Second

// gate bounds how many hashes run at once. Each holds 19 MiB and a core for
// tens of milliseconds, so a burst beyond the cores only multiplies memory
// and makes every caller wait longer: a few wait briefly for a turn, the
// rest are refused at once.
type gate struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	wait    time.Duration
}

func newGate(slots, queue int, wait time.Duration) *gate {
	return &gate{slots: make(chan struct{}, slots), queue: int64(queue), wait: wait}
}

// hashing is the gate of every Hash and Verify of this process: one hash
// per core at a time, eight more per core waiting at most a second,
// well within a request's deadline.
var hashing = newGate(runtime.GOMAXPROCS(0), 8*runtime.GOMAXPROCS(0), time.Second)

// enter takes a turn, or is ErrBusy; a turn taken is given back with leave.
func (g *gate) enter() error {
	select {
	case g.slots <- struct{}{}:
		return nil
	default:
	}
	if g.waiting.Add(1) > g.queue {
		g.waiting.Add(-1)
		return ErrBusy
	}
	defer g.waiting.Add(-1)
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-t.C:
		return ErrBusy
	}
}

func (g *gate) leave() { <-g.slots }

// Turn is a turn at hashing taken ahead of the reads a check needs (a
// sign-in's throttles and user), so that what the server is too busy to
// check is refused before it costs the store anything.
type Turn struct{ done bool }

// Admit takes a turn, or is ErrBusy.
func Admit() (*Turn, error) {
	if err := hashing.enter(); err != nil {
		return nil, err
	}
	return &Turn{}, nil
}

// Done gives the turn back; later calls do nothing.
func (t *Turn) Done() {
	if !t.done {
		t.done = true
		hashing.leave()
	}
}
