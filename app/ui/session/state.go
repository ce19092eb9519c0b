package session

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// StateMe holds the signed-in api.Me, so that every page shows it at once
// while the shell refreshes it. It is deleted on sign-in and sign-out so that
// one person never sees another's.
const StateMe = "me"

// Ended sends the person to the sign-in page when err says their
// session is gone, and reports whether it did.
func Ended(ctx app.Context, err error) bool {
	if client.Code(err) != api.CodeUnauthenticated {
		return false
	}
	Leave(ctx, SignInPath)
	return true
}

// Leave forgets the signed-in api.Me and goes to path: whoever signs in
// next, here, never sees another person's.
func Leave(ctx app.Context, path string) {
	ctx.DelState(StateMe)
	ctx.Navigate(path)
}
