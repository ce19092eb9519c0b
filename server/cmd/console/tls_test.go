package main

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// writeCert writes a self-signed certificate for 127.0.0.1 and its key as
// PEM files, as an operator would give them.
func writeCert(t *testing.T) (certFile, keyFile string) {
	certPEM, keyPEM := servertest.SelfSigned(t)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// With TLS_CERT_FILE and TLS_KEY_FILE the binary answers HTTPS itself: the
// printed URL is https, sign-in sets the __Host- Secure cookie and HSTS,
// and plain HTTP on that port gets no answer.
func TestServeOverTLS(t *testing.T) {
	certFile, keyFile := writeCert(t)
	addr := freeAddr(t)
	p := start(t, "ADDR="+addr, "DATA_DIR="+t.TempDir(), "TLS_CERT_FILE="+certFile, "TLS_KEY_FILE="+keyFile,
		"BOOTSTRAP_EMAIL=owner@tls.example", "BOOTSTRAP_PASSWORD=tls-harbour-lantern-1")
	url := p.waitFor(t, regexp.MustCompile(`^Users & Roles console: (\S+)`))
	if !strings.HasPrefix(url[1], "https://") {
		t.Errorf("printed URL %s is not https", url[1])
	}
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	body, _ := json.Marshal(api.LoginRequest{Email: "owner@tls.example", Password: "tls-harbour-lantern-1"})
	res, err := c.Post("https://"+addr+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cookie := res.Header.Get("Set-Cookie")
	if res.StatusCode != 200 || !strings.HasPrefix(cookie, "__Host-session=") || !strings.Contains(strings.ToLower(cookie), "secure") {
		t.Errorf("sign-in over TLS: %d, cookie %q", res.StatusCode, cookie)
	}
	if res.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over TLS")
	}
	if res, err := (&http.Client{Timeout: 5 * time.Second}).Get("http://" + addr + "/healthz"); err == nil {
		res.Body.Close()
		if res.StatusCode == 200 {
			t.Error("plain HTTP is answered on the TLS port")
		}
	}
	p.stop(t)
}
