package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/event"

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
// user's: the link is mailed after the answer, so the answer cannot tell
// them apart. What the store is asked while each request is answered is
// the same, command for command; the medians of 50 tries each, taken in
// turns, are reported as figures (timings are budgets, not assertions).
func TestForgotAnswersAlikeForEveryEmail(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	recording := false
	monitor := &event.CommandMonitor{Started: func(_ context.Context, ev *event.CommandStartedEvent) {
		mu.Lock()
		defer mu.Unlock()
		coll, _ := ev.Command.Lookup(ev.CommandName).StringValueOK()
		// The mailer reads and empties its queue on its own time.
		if recording && !(coll == "reset_requests" && ev.CommandName != "insert") {
			asked = append(asked, ev.CommandName+" "+coll)
		}
	}}
	smtpd := mailtest.Start(t)
	e := servertest.Start(t, func(c *server.Config) { c.SMTPURL = smtpd.URL(); c.Store.Monitor = monitor })
	e.WithRole("staff", "staff@example.com")
	settled := func() {
		for deadline := time.Now().Add(10 * time.Second); e.Count("reset_requests") > 0; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("reset requests still queued after 10 s")
			}
		}
	}
	work := map[string][]string{}
	var known, unknown []time.Duration
	for i := range 54 {
		ask := func(email string, third byte) time.Duration {
			mu.Lock()
			asked, recording = nil, true
			mu.Unlock()
			took := forgotFrom(t, e, net.IPv4(127, 0, third, byte(1+i)), email)
			mu.Lock()
			work[email], recording = asked, false
			mu.Unlock()
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
		if !slices.Equal(work["staff@example.com"], work["nobody@example.com"]) {
			t.Fatalf("try %d: the store is asked\n%v\nfor a user's email and\n%v\nfor an unknown one", i, work["staff@example.com"], work["nobody@example.com"])
		}
	}
	smtpd.Await(t, "staff@example.com")
	median := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
	mk, mu2 := median(known), median(unknown)
	t.Logf("figures: %d store commands per answer; median answer %v for a user's email, %v for an unknown one: %.1f%% apart",
		len(work["nobody@example.com"]), mk, mu2, 100*float64(max(mk, mu2)-min(mk, mu2))/float64(max(mk, mu2)))
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
