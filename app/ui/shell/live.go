package shell

import (
	"reflect"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/app/ui/session"
	"github.com/rolesconsole/console/shared/api"
)

// pollEvery is how often the signed-in shell asks /me whether the account
// changed, so that a change made in another browser shows here within
// seconds, without a reload.
const pollEvery = 3 * time.Second

// livePolling is off outside the browser: when the server prerenders a page,
// and in component tests, which start the watch themselves.
var livePolling = app.IsClient

// watch asks /me every interval, while the page is visible, until
// stopWatching. A change reaches every page through the shared api.Me.
func (c *Shell) watch(ctx app.Context, every time.Duration) {
	if c.stop != nil {
		return
	}
	stop := make(chan struct{})
	c.stop = stop
	ctx.Async(func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if pageHidden() {
				continue
			}
			me, err := session.API.Me(ctx)
			ctx.Dispatch(func(ctx app.Context) { c.polled(ctx, me, err) })
		}
	})
}

func (c *Shell) stopWatching() {
	if c.stop != nil {
		close(c.stop)
		c.stop = nil
	}
}

// OnDismount stops the watch: signing out, or leaving for the sign-in page.
func (c *Shell) OnDismount() {
	c.stopWatching()
}

// pageHidden reports whether the browser tab is in the background, where
// polling would only cost the server.
func pageHidden() bool {
	return app.Window().Get("document").Get("hidden").Bool()
}

// polled applies what a poll brought, when it differs from what is shown.
// A service out of reach lights the connection indicator until a poll gets
// through; any other failure stays quiet unless the session ended: the next
// poll retries.
func (c *Shell) polled(ctx app.Context, me api.Me, err error) {
	switch {
	case err == nil && (changed(c.me, me) || c.problem != "" || c.offline):
		c.applyMe(ctx, me, nil)
	case client.Code(err) == api.CodeUnauthenticated,
		client.Code(err) == api.CodeUnavailable && !c.offline:
		c.applyMe(ctx, me, err)
	default:
		// Nothing to show: spare the page a render.
		ctx.PreventUpdate()
	}
}

// changed reports whether next differs from shown in anything the console
// shows or decides with: the account's revision moves on every change to
// roles, grants and members.
func changed(shown, next api.Me) bool {
	return shown.Account.Revision != next.Account.Revision ||
		!slices.Equal(shown.Permissions, next.Permissions) ||
		!reflect.DeepEqual(shown.Role, next.Role) ||
		shown.User.ID != next.User.ID || shown.User.RoleID != next.User.RoleID ||
		shown.User.Name != next.User.Name || shown.Account.Name != next.Account.Name ||
		// The grace period ends by the clock alone, with no revision.
		!reflect.DeepEqual(shown.TwoFactor, next.TwoFactor)
}
