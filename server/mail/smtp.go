package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/smtp"
	"net/url"
	"strings"
	"time"
)

// SMTP sends through a mail server named by a URL:
// smtp://user:password@host:587?from=console@example.com uses STARTTLS
// (required unless the server is on loopback); smtps://...:465 implicit TLS.
type SMTP struct {
	addr     string
	host     string
	implicit bool
	user     string
	password string
	from     string
	log      *slog.Logger
}

// NewSMTP parses the URL.
func NewSMTP(raw string, log *slog.Logger) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("SMTP_URL: use smtp://user:password@host:port?from=address (or smtps://)")
	}
	s := &SMTP{host: u.Hostname(), implicit: u.Scheme == "smtps", from: u.Query().Get("from"), log: log}
	port := u.Port()
	if port == "" {
		port = map[bool]string{true: "465", false: "587"}[s.implicit]
	}
	s.addr = net.JoinHostPort(s.host, port)
	if u.User != nil {
		s.user = u.User.Username()
		s.password, _ = u.User.Password()
	}
	if s.from == "" {
		s.from = "console@" + s.host
	}
	return s, nil
}

// Send delivers one message, within the context's deadline.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(30 * time.Second)
	}
	d := net.Dialer{Deadline: deadline}
	var conn net.Conn
	var err error
	if s.implicit {
		conn, err = tls.DialWithDialer(&d, "tcp", s.addr, &tls.Config{ServerName: s.host})
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.addr)
	}
	if err != nil {
		return fmt.Errorf("mail: connecting to %s: %w", s.addr, err)
	}
	_ = conn.SetDeadline(deadline)
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("mail: %w", err)
	}
	defer c.Close()
	if err := s.secure(c); err != nil {
		return err
	}
	if s.user != "" {
		if err := c.Auth(smtp.PlainAuth("", s.user, s.password, s.host)); err != nil {
			return fmt.Errorf("mail: signing in to %s: %w", s.addr, err)
		}
	}
	if err := c.Mail(s.from); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := c.Rcpt(m.To); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if _, err := w.Write(s.format(m)); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail: %w", err)
	}
	s.log.InfoContext(ctx, "mail sent", "to", m.To, "subject", m.Subject)
	return c.Quit()
}

// secure upgrades the connection with STARTTLS. A server that does not offer
// it is refused, unless it is on loopback (a local relay, or tests).
func (s *SMTP) secure(c *smtp.Client) error {
	if s.implicit {
		return nil
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: s.host}); err != nil {
			return fmt.Errorf("mail: STARTTLS with %s: %w", s.addr, err)
		}
		return nil
	}
	if ip := net.ParseIP(s.host); s.host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	return fmt.Errorf("mail: %s does not offer STARTTLS; refusing to send in clear", s.addr)
}

func (s *SMTP) format(m Message) []byte {
	id := make([]byte, 12)
	_, _ = rand.Read(id)
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\n", s.from)
	fmt.Fprintf(&b, "To: %s\r\n", m.To)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().UTC().Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s@%s>\r\n", hex.EncodeToString(id), s.host)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.Text, "\n", "\r\n"))
	return []byte(b.String())
}
