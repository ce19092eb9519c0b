package servertest

import (
	"strings"
	"testing"
)

// Scenario is one HTTP exchange and what it must answer, in the manner of
// table-driven API tests: who asks, what, and the expected status, error
// code and body fragments.
type Scenario struct {
	Name    string
	Method  string
	Path    string
	Body    any
	Headers []string
	// Client sends the request; nil: a client with no session.
	Client *Client
	// NoCSRF drops the client's CSRF token for this request.
	NoCSRF bool

	WantStatus      int
	WantCode        string
	WantContains    []string
	WantNotContains []string
}

// Run sends the request and checks the answer.
func (s Scenario) Run(t *testing.T, e *Env) *Response {
	t.Helper()
	c := s.Client
	if c == nil {
		c = e.Client()
	}
	if s.NoCSRF {
		saved := c.CSRF
		c.CSRF = ""
		defer func() { c.CSRF = saved }()
	}
	res := c.Do(s.Method, s.Path, s.Body, s.Headers...)
	if res.Status != s.WantStatus {
		t.Errorf("%s: status %d, want %d; body %s", s.Name, res.Status, s.WantStatus, res.Body)
	}
	if s.WantCode != "" && res.ErrorCode() != s.WantCode {
		t.Errorf("%s: error code %q, want %q; body %s", s.Name, res.ErrorCode(), s.WantCode, res.Body)
	}
	for _, w := range s.WantContains {
		if !strings.Contains(string(res.Body), w) {
			t.Errorf("%s: body lacks %q: %s", s.Name, w, res.Body)
		}
	}
	for _, w := range s.WantNotContains {
		if strings.Contains(string(res.Body), w) {
			t.Errorf("%s: body holds %q: %s", s.Name, w, res.Body)
		}
	}
	return res
}
