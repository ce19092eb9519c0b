package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/rolesconsole/console/internal/loadgen"
	"github.com/rolesconsole/console/shared/api"
)

const burstSignIns = 200

// signInBurst starts the console as its own process and sends it 200
// wrong sign-ins at once, each from its own loopback address (forwarded
// headers are not read, so these are 200 sources): hashing is bounded, so
// the server's peak memory stays low and every answer is a sign-in's answer
// or a quick "busy, retry".
func signInBurst(bin, web string) ([]row, error) {
	srv, err := loadgen.Start(bin, web)
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	var wg sync.WaitGroup
	var mu sync.Mutex
	answers := map[int]int{}
	slowest := time.Duration(0)
	start := make(chan struct{})
	for i := range burstSignIns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, byte(1+(i+1)/250), byte(1+(i+1)%250))}}
			c := &http.Client{Timeout: time.Minute, Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
			b, _ := json.Marshal(api.LoginRequest{Email: fmt.Sprintf("guess%d@burst.example", i), Password: "wrong-password-1234"})
			<-start
			t0 := time.Now()
			status := 0
			if res, err := c.Post(srv.Base+"/api/v1/auth/login", "application/json", bytes.NewReader(b)); err == nil {
				status = res.StatusCode
				res.Body.Close()
			}
			mu.Lock()
			defer mu.Unlock()
			answers[status]++
			slowest = max(slowest, time.Since(t0))
		}()
	}
	close(start)
	wg.Wait()
	peak := statusMB(srv.Cmd.Process.Pid, "VmHWM:")
	return []row{{fmt.Sprintf("peak server memory, %d sign-ins at once", burstSignIns),
		fmt.Sprintf("%.0f MB; answers %v; slowest %v", peak, answers, slowest.Round(time.Millisecond)), "<= 200 MB, 401 or 503 within 10 s",
		peak > 0 && peak <= 200 && answers[401]+answers[503] == burstSignIns && slowest < 10*time.Second}}, nil
}
