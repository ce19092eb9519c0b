package httpapi_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// A failed sign-in logs a keyed hash of the normalised email, never what
// was typed: people type their password into the email field, and the log
// must not hold it, nor the email in a form anyone could test guesses on.
func TestFailedSignInLogsNoTypedEmail(t *testing.T) {
	e := servertest.Start(t)
	typedPassword := "Blue-Harbour-Lantern-42"
	e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: typedPassword, Password: "x"}).Want(401)
	typed := "  " + strings.ToUpper(e.Email) + " "
	e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: typed, Password: "wrong-password"}).Want(401)
	e.Client().Do("POST", "/api/v1/auth/login", api.LoginRequest{Email: e.Email, Password: "wrong-password"}).Want(401)

	logs := e.Logs.String()
	for _, secret := range []string{typedPassword, strings.ToLower(typedPassword), e.Email, strings.TrimSpace(typed)} {
		if strings.Contains(logs, secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
	var digests []string
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var rec map[string]any
		if json.Unmarshal(sc.Bytes(), &rec) == nil && rec["msg"] == "auth.login" && rec["outcome"] == "failure" {
			d, _ := rec["email_hmac"].(string)
			digests = append(digests, d)
		}
	}
	if len(digests) != 3 {
		t.Fatalf("%d failures logged, want 3: %s", len(digests), logs)
	}
	if digests[0] == "" || digests[0] == digests[1] {
		t.Errorf("two different emails logged as %q and %q", digests[0], digests[1])
	}
	if digests[1] != digests[2] {
		t.Errorf("one email, typed two ways, logged as %q and %q: it is not normalised first", digests[1], digests[2])
	}
	plain := sha256.Sum256([]byte(e.Email))
	if strings.HasPrefix(hex.EncodeToString(plain[:]), digests[2]) {
		t.Error("the email's hash is not keyed: anyone can test guesses against it")
	}
}
