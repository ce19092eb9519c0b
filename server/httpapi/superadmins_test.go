package httpapi_test

import (
	"testing"

	"github.com/rolesconsole/console/server/servertest"
	"github.com/rolesconsole/console/shared/api"
)

// GET /users/stats counts the account's active super admins for whoever
// may list users, those hidden from them included: a client greys out what
// would leave the account without one by the server's count, not by the
// users it was shown.
func TestStatsCountEverySuperAdmin(t *testing.T) {
	e, super := presetEnv(t, "ladder")
	admin, _ := e.WithRole("admin", "admin@agency.example")
	for _, c := range []struct {
		name    string
		who     *servertest.Client
		holders int
	}{
		{"the Super Admin", super, 1},
		{"an admin, who is not shown them", admin, 0},
	} {
		var s api.UserStats
		c.who.Do("GET", "/api/v1/users/stats", nil).Want(200).JSON(&s)
		if s.SuperAdmins != 1 || s.ByRole["super_admin"] != c.holders {
			t.Errorf("%s: %+v; want 1 super admin, %d holders shown", c.name, s, c.holders)
		}
		// The ladder's single Super Admin is a cap of 1, full for everyone.
		if s.CappedSeats["super_admin"] != 1 {
			t.Errorf("%s: capped seats %v; want super_admin 1", c.name, s.CappedSeats)
		}
	}
}
