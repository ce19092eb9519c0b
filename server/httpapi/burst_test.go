package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rolesconsole/console/server"
	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// clientFrom is a client whose requests come from the loopback address ip:
// the server reads no forwarded headers, so many addresses are many sources.
func clientFrom(ip net.IP) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: ip}}
	return &http.Client{Timeout: time.Minute, Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
}

// signInFrom posts a sign-in from the loopback address ip.
func signInFrom(t *testing.T, base string, ip net.IP, email, pw string) (status int, retryAfter string, body []byte) {
	b, _ := json.Marshal(api.LoginRequest{Email: email, Password: pw})
	res, err := clientFrom(ip).Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(b))
	if err != nil {
		t.Errorf("sign-in from %s: %v", ip, err)
		return 0, "", nil
	}
	defer res.Body.Close()
	body, _ = io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Retry-After"), body
}

// 200 sign-ins at once from 200 addresses: hashing is bounded, so every
// answer comes before the request deadline, as a sign-in's answer or as a
// refusal that says to retry and when, and the real user signing in during
// the burst gets in by retrying as the sign-in page does. Peak memory and
// timings are logged as figures, not asserted.
func TestSignInBurstIsBounded(t *testing.T) {
	const deadline = 10 * time.Second
	e := servertest.Start(t, func(c *server.Config) { c.API.RequestTimeout = deadline })
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // resets the peak resident memory
	before := residentKB("VmRSS")

	type answer struct {
		status     int
		retryAfter string
		body       []byte
		took       time.Duration
	}
	const burst = 200
	answers := make([]answer, burst)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range burst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ip := net.IPv4(127, 0, byte(1+(i+1)/250), byte(1+(i+1)%250))
			<-start
			t0 := time.Now()
			st, ra, body := signInFrom(t, e.URL, ip, fmt.Sprintf("guess%d@burst.example", i), "wrong-password-1234")
			answers[i] = answer{st, ra, body, time.Since(t0)}
		}()
	}
	close(start)
	// The real user, from their own address, meanwhile.
	time.Sleep(20 * time.Millisecond)
	t0 := time.Now()
	tries, in := 0, false
retry:
	for ; tries < 20 && !in; tries++ {
		st, ra, body := signInFrom(t, e.URL, net.IPv4(127, 0, 0, 1), e.Email, e.Password)
		switch {
		case st == http.StatusOK:
			in = true
		case st == http.StatusServiceUnavailable && ra != "":
			wait, _ := strconv.Atoi(ra)
			time.Sleep(time.Duration(wait) * time.Second)
		default:
			t.Errorf("the real user's sign-in answered %d (Retry-After %q) %s", st, ra, body)
			break retry
		}
	}
	signedIn := time.Since(t0)
	wg.Wait()
	if !in && !t.Failed() {
		t.Errorf("the real user is not signed in after %d tries", tries)
	}

	statuses := map[int]int{}
	var took []time.Duration
	for _, a := range answers {
		statuses[a.status]++
		took = append(took, a.took)
		switch a.status {
		case http.StatusUnauthorized:
		case http.StatusTooManyRequests, http.StatusServiceUnavailable:
			if a.retryAfter == "" {
				t.Errorf("%d without Retry-After: %s", a.status, a.body)
			}
			if strings.Contains(string(a.body), "data store") {
				t.Errorf("a busy server blames the store: %s", a.body)
			}
		default:
			t.Errorf("a guess answered %d %s", a.status, a.body)
		}
		if a.took > deadline {
			t.Errorf("a sign-in waited %v, past the %v deadline", a.took, deadline)
		}
	}
	slices.Sort(took)
	t.Logf("figures: answers %v; answer times median %v, slowest %v; the real user in after %d tries, %v; resident memory %d MB before, peak %d MB",
		statuses, took[len(took)/2].Round(time.Millisecond), took[len(took)-1].Round(time.Millisecond),
		tries, signedIn.Round(time.Millisecond), before/1024, residentKB("VmHWM")/1024)
}

// residentKB reads a figure of this process's memory from /proc, in kB.
func residentKB(field string) int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return kb
		}
	}
	return 0
}
