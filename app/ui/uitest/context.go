package uitest

import (
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Probe lends tests an app.Context. Outside the browser go-app never calls
// OnMount; it calls OnPreRender, as when the server prerenders a page.
type Probe struct {
	app.Compo
	Ctx app.Context
}

func (p *Probe) OnPreRender(ctx app.Context) { p.Ctx = ctx }

func (p *Probe) Render() app.UI { return app.Div() }

// Context returns an engine and a context whose calls it runs. The probe
// leaves the engine when something navigates.
func Context(t *testing.T) (app.TestEngine, app.Context, *Probe) {
	t.Helper()
	e := app.NewTestEngine()
	p := &Probe{}
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return e, p.Ctx, p
}
