package server_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// selfSigned makes a certificate for 127.0.0.1.
func selfSigned(t *testing.T) tls.Certificate {
	cert, err := tls.X509KeyPair(servertest.SelfSigned(t))
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// Served over TLS, the session cookie takes the __Host- prefix and is
// Secure, and HSTS is sent.
func TestOverTLS(t *testing.T) {
	cfg := server.Config{BootstrapPassword: servertest.Password, WebDir: t.TempDir()}
	cfg.Store.DataDir = t.TempDir()
	srv, err := server.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{selfSigned(t)}})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Shutdown(context.Background()) })
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	base := "https://" + ln.Addr().String()
	body, _ := json.Marshal(api.LoginRequest{Email: srv.Demo.Email, Password: servertest.Password})
	res, err := c.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cookie := res.Header.Get("Set-Cookie")
	if res.StatusCode != 200 || !strings.HasPrefix(cookie, "__Host-session=") || !strings.Contains(strings.ToLower(cookie), "secure") || strings.Contains(strings.ToLower(cookie), "domain=") {
		t.Fatalf("%d, cookie %q", res.StatusCode, cookie)
	}
	if hsts := res.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("HSTS %q", hsts)
	}
	me, err := c.Get(base + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	me.Body.Close()
	if me.StatusCode != 200 {
		t.Errorf("/me with the __Host- cookie: %d", me.StatusCode)
	}
}
