package session

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Loader runs a page's fetches one at a time. A fetch asked for while one
// is under way runs once that one is back, rather than alongside it, so
// that an older answer never lands after a newer one. A page keeps it in
// an unexported field, as it does its Confirmer.
type Loader struct {
	Loading bool
	again   bool
}

// Begin reports whether a fetch may begin now; if one is under way, it
// notes that another is wanted and reports false.
func (l *Loader) Begin() bool {
	if l.Loading {
		l.again = true
		return false
	}
	l.Loading, l.again = true, false
	return true
}

// Landed ends the fetch and reports whether its result is to be applied:
// not when the session ended (Ended went to sign-in), nor when
// another fetch was asked for meanwhile (reload runs it now), nor when it
// failed (problem gets the message).
func (l *Loader) Landed(ctx app.Context, err error, problem *string, reload func(app.Context)) bool {
	l.Loading = false
	switch {
	case Ended(ctx, err):
		return false
	case l.again:
		reload(ctx)
		return false
	case err != nil:
		*problem = Message(err)
		return false
	}
	return true
}
