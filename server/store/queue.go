package store

import (
	"context"
	"sync"
)

// queue lines up one process's writes to each account: one at a time, in
// the order they came. Writers racing on one account would each read it,
// then all but one would find their revision taken and start again, so
// that with ten at once most work is thrown away; in a line, each write
// costs one write.
type queue struct {
	mu sync.Mutex
	// turns holds, per account with writers, a channel whose one slot is
	// the turn to write, and how many writers hold or wait for it.
	turns map[string]*turn
}

type turn struct {
	slot    chan struct{}
	waiting int
}

func newQueue() *queue { return &queue{turns: map[string]*turn{}} }

// join waits for the account's turn to write; release gives it to the next
// writer. It gives up when ctx ends first.
func (q *queue) join(ctx context.Context, id string) (release func(), err error) {
	q.mu.Lock()
	t := q.turns[id]
	if t == nil {
		t = &turn{slot: make(chan struct{}, 1)}
		q.turns[id] = t
	}
	t.waiting++
	q.mu.Unlock()
	leave := func() {
		q.mu.Lock()
		if t.waiting--; t.waiting == 0 {
			delete(q.turns, id)
		}
		q.mu.Unlock()
	}
	select {
	case t.slot <- struct{}{}:
		return func() { <-t.slot; leave() }, nil
	case <-ctx.Done():
		leave()
		return nil, wrap(ctx.Err())
	}
}
