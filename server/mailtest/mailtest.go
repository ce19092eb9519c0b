// Package mailtest runs a real SMTP server in the test process (with
// sign-in required) and hands the tests what arrived.
package mailtest

import (
	"errors"
	"io"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Credentials the server accepts.
const (
	User     = "console"
	Password = "smtp-secret"
)

// Message is one received email.
type Message struct {
	From string
	To   []string
	Data string
}

// Server is a running SMTP server on loopback.
type Server struct {
	addr string
	mu   sync.Mutex
	msgs []Message
	got  chan struct{}
}

// Start runs a server until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{got: make(chan struct{}, 100)}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{srv: s}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true // loopback only
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// URL is the SMTP_URL that reaches this server.
func (s *Server) URL() string {
	return "smtp://" + User + ":" + Password + "@" + s.addr + "?from=console@test.example"
}

// Await returns the first message to the address, waiting up to 10 seconds.
func (s *Server) Await(t testing.TB, to string) Message {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		s.mu.Lock()
		for _, m := range s.msgs {
			for _, r := range m.To {
				if strings.EqualFold(r, to) {
					s.mu.Unlock()
					return m
				}
			}
		}
		s.mu.Unlock()
		select {
		case <-s.got:
		case <-deadline:
			t.Fatalf("no email to %s arrived", to)
		}
	}
}

var linkRE = regexp.MustCompile(`https?://\S+[?&]token=([A-Za-z0-9_-]+)`)

// Link returns the URL in the message and its token.
func (m Message) Link() (url, token string) {
	match := linkRE.FindStringSubmatch(m.Data)
	if match == nil {
		return "", ""
	}
	return match[0], match[1]
}

type session struct {
	srv    *Server
	authed bool
	msg    Message
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != User || pass != Password {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.msg = Message{From: from}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.msg.Data = string(b)
	s.srv.mu.Lock()
	s.srv.msgs = append(s.srv.msgs, s.msg)
	s.srv.mu.Unlock()
	s.srv.got <- struct{}{}
	return nil
}

func (s *session) Reset()        { s.msg = Message{} }
func (s *session) Logout() error { return nil }
