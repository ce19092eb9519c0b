package httpapi_test

import (
	"bufio"
	"encoding/json"
	"net/netip"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// failureIPs are the client addresses of the failed sign-ins in the log.
func failureIPs(logs string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec["msg"] == "auth.login" && rec["outcome"] == "failure" {
			ip, _ := rec["ip"].(string)
			out = append(out, ip)
		}
	}
	return out
}

// Forwarded headers are believed from the trusted proxies only: from
// anyone else X-Forwarded-For does not change the client's address (which
// throttles count) and X-Forwarded-Proto does not make the session cookie
// __Host- and Secure nor turn HSTS on. From a trusted proxy, the client is
// the right-most hop that is not a trusted proxy.
func TestForwardedHeadersOnlyFromTrustedProxies(t *testing.T) {
	wrong := api.LoginRequest{Email: "nobody@example.com", Password: "wrong-password"}
	cases := []struct {
		name    string
		trusted []string
		xff     string
		wantIP  string
		https   bool
	}{
		{"no proxy trusted", nil, "203.0.113.9", "127.0.0.1", false},
		{"another proxy trusted", []string{"10.0.0.0/8"}, "203.0.113.9", "127.0.0.1", false},
		{"loopback trusted", []string{"127.0.0.0/8"}, "203.0.113.9", "203.0.113.9", true},
		{"a forged hop on the left", []string{"127.0.0.1"}, "198.51.100.1, 203.0.113.9", "203.0.113.9", true},
		{"a second trusted hop", []string{"127.0.0.1", "10.0.0.0/8"}, "203.0.113.9, 10.1.2.3", "203.0.113.9", true},
		{"garbage from the client", []string{"127.0.0.1"}, "not-an-address", "127.0.0.1", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := servertest.Start(t, func(cfg *server.Config) {
				for _, s := range c.trusted {
					p, err := netip.ParsePrefix(s)
					if err != nil {
						a := netip.MustParseAddr(s)
						p = netip.PrefixFrom(a, a.BitLen())
					}
					cfg.API.TrustedProxies = append(cfg.API.TrustedProxies, p)
				}
			})
			e.Client().Do("POST", "/api/v1/auth/login", wrong, "X-Forwarded-For", c.xff, "X-Forwarded-Proto", "https").Want(401)
			if got := failureIPs(e.Logs.String()); len(got) != 1 || got[0] != c.wantIP {
				t.Errorf("client address %v; want %s", got, c.wantIP)
			}
			res := e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: e.Password}, "X-Forwarded-Proto", "https").Want(200)
			cookie := res.Header.Get("Set-Cookie")
			secure := strings.HasPrefix(cookie, "__Host-") && strings.Contains(strings.ToLower(cookie), "secure")
			hsts := res.Header.Get("Strict-Transport-Security") != ""
			if secure != c.https || hsts != c.https {
				t.Errorf("X-Forwarded-Proto: https made cookie %q, HSTS %v; want https = %v", cookie, hsts, c.https)
			}
		})
	}
}
