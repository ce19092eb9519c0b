package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/mailtest"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/server/store"
	"github.com/rolesconsole/console/shared/api"
)

// forgotFrom asks for reset links from the loopback address ip (the route
// allows ten a window per address) and returns how long the answer took.
func forgotFrom(t *testing.T, e *servertest.Env, ip net.IP, email string) time.Duration {
	t.Helper()
	b, _ := json.Marshal(api.ForgotPassword{Email: email})
	t0 := time.Now()
	res, err := clientFrom(ip).Post(e.URL+"/api/v1/auth/password/forgot", "application/json", bytes.NewReader(b))
	took := time.Since(t0)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted {
		t.Fatalf("forgot answered %d", res.StatusCode)
	}
	return took
}

// Forgot does the same work before answering whether or not the email is a
// user's: the link is mailed after the answer. Medians of 50 tries each,
// taken in turns, each once the previous mail is out, differ by under 10%.
func TestForgotAnswersAlikeForEveryEmail(t *testing.T) {
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL() })
	e.WithRole("staff", "staff@example.com")
	settled := func() {
		for deadline := time.Now().Add(10 * time.Second); e.Count("reset_requests") > 0; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("reset requests still queued after 10 s")
			}
		}
	}
	var known, unknown []time.Duration
	for i := range 54 {
		ask := func(email string, third byte) time.Duration {
			took := forgotFrom(t, e, net.IPv4(127, 0, third, byte(1+i)), email)
			settled()
			return took
		}
		// Each goes first in turn: the store grows with every request.
		var k, u time.Duration
		if i%2 == 0 {
			k, u = ask("staff@example.com", 2), ask("nobody@example.com", 3)
		} else {
			u, k = ask("nobody@example.com", 3), ask("staff@example.com", 2)
		}
		if i >= 4 { // the first few warm the server up
			known, unknown = append(known, k), append(unknown, u)
		}
	}
	smtpd.Await(t, "staff@example.com")
	median := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
	mk, mu := median(known), median(unknown)
	diff := float64(max(mk, mu)-min(mk, mu)) / float64(max(mk, mu))
	t.Logf("figures: median answer %v for a user's email, %v for an unknown one: %.1f%% apart", mk, mu, 100*diff)
	if diff >= 0.10 {
		t.Errorf("forgot answers in %v for a user's email and %v for an unknown one: %.0f%% apart", mk, mu, 100*diff)
	}
}

// A reset asked for just before a restart is mailed by the next start.
func TestForgotSurvivesARestart(t *testing.T) {
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL() })
	e.WithRole("staff", "staff@example.com")
	e.Stop()
	// Queued, as the answer of a server stopped before it mailed the link.
	st, err := store.Open(t.Context(), store.Config{DataDir: e.DataDir})
	if err != nil {
		t.Fatal(err)
	}
	err = st.ResetRequests.Insert(t.Context(), &store.ResetRequest{ID: store.NewID(time.Now()), Email: "staff@example.com", At: time.Now().UTC()})
	st.Close(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	again := servertest.Start(t, func(c *server.Config) { c.SMTPURL, c.Store.DataDir = smtpd.URL(), e.DataDir })
	_, token := smtpd.Await(t, "staff@example.com").Link()
	again.Client().Do("POST", "/api/v1/auth/password/reset", api.NewPassword{Token: token, Password: "new-staff-password-1"}).Want(204)
	again.Client().Login("staff@example.com", "new-staff-password-1")
}
