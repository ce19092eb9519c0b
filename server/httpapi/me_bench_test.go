package httpapi_test

import (
	"testing"

	"github.com/rolesconsole/console/server/servertest"
)

// The cost of a signed-in read on the hot path: authenticating from memory
// (the account confirmed, nothing asked of the store while nothing was
// written) and answering. "after-a-write" moves the account on before each
// request, so each one also walks to the new revision.
func BenchmarkSignedInRead(b *testing.B) {
	e := servertest.Start(b)
	c := e.SignedIn()
	b.Run("me", func(b *testing.B) {
		for b.Loop() {
			if res := c.Do("GET", "/api/v1/me", nil); res.Status != 200 {
				b.Fatalf("status %d", res.Status)
			}
		}
	})
	b.Run("me-after-a-write", func(b *testing.B) {
		on := false
		for b.Loop() {
			on = !on
			c.Do("PUT", "/api/v1/roles/staff/permissions/audit.view", granted(on)).Want(200)
			if res := c.Do("GET", "/api/v1/me", nil); res.Status != 200 {
				b.Fatalf("status %d", res.Status)
			}
		}
	})
}
