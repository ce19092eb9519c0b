package httpapi

import (
	"encoding/json"
	"sync"

	"github.com/gofiber/fiber/v2"

	"github.com/rolesconsole/console/server/tenant"
)

// maxAnswerBytes bounds what the answers kept weigh; past it they all go,
// to be encoded again when asked for.
const maxAnswerBytes = 32 << 20

// answers keeps encoded answers that depend on nothing but the account at
// one revision (the matrix, the roles): an account at one revision never
// changes, so its answer is encoded once, however many ask, and never
// outlives the revision. They are what a large account's pages cost most.
type answers struct {
	mu    sync.Mutex
	byKey map[string]*answer
	bytes int
}

// answer is one encoded answer, with its compressed forms, each made the
// first time a client asks for it (see compressed).
type answer struct {
	acct   *tenant.Account
	body   []byte
	br, gz encoding
}

type encoding struct {
	once sync.Once
	body []byte
}

// answerKey is where send leaves the answer it sent, for compressed to
// find its encodings.
const answerKey = "answer"

// encoded is the body in the content coding enc ("br" or "gzip").
func (a *answer) encoded(enc string) []byte {
	e := &a.gz
	if enc == "br" {
		e = &a.br
	}
	e.once.Do(func() { e.body = encode(enc, a.body) })
	return e.body
}

// weight is what an answer is counted for against maxAnswerBytes: its
// plain body, and half as much again for its encodings, which JSON's
// repetitions make far smaller than that.
func weight(body []byte) int { return len(body) * 3 / 2 }

// send answers with what build makes of acct, encoded at most once per
// revision that this server reads.
func (s *answers) send(c *fiber.Ctx, kind string, acct *tenant.Account, build func() any) error {
	return s.sendRead(c, kind, acct, func() (any, bool, error) { return build(), true, nil })
}

// sendRead is send for answers read from the store: build also says
// whether what it read may be kept for the revision.
func (s *answers) sendRead(c *fiber.Ctx, kind string, acct *tenant.Account, build func() (v any, keep bool, err error)) error {
	key := kind + "\x00" + acct.ID
	s.mu.Lock()
	a, ok := s.byKey[key]
	s.mu.Unlock()
	if !ok || a.acct != acct {
		v, keep, err := build()
		if err != nil {
			return err
		}
		body, err := json.Marshal(v)
		if err != nil {
			return err
		}
		a = &answer{acct: acct, body: body}
		if keep {
			s.mu.Lock()
			if s.byKey == nil || s.bytes+weight(body) > maxAnswerBytes {
				s.byKey, s.bytes = map[string]*answer{}, 0
			}
			if old, ok := s.byKey[key]; ok {
				s.bytes -= weight(old.body)
			}
			s.bytes += weight(body)
			s.byKey[key] = a
			s.mu.Unlock()
		}
	}
	c.Locals(answerKey, a)
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Send(a.body)
}
