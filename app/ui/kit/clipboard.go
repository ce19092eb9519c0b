package kit

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// CopyText puts text on the clipboard; done is told whether it worked
// (browsers refuse it outside a secure context, or without permission).
func CopyText(ctx app.Context, text string, done func(bool)) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		done(false)
		return
	}
	var ok, fail app.Func
	ok = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { done(true) })
		ok.Release()
		fail.Release()
		return nil
	})
	fail = app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { done(false) })
		ok.Release()
		fail.Release()
		return nil
	})
	clip.Call("writeText", text).Call("then", ok, fail)
}
