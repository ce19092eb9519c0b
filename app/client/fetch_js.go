//go:build js

package client

import (
	"context"
	"syscall/js"
)

// platformTransport sends the request with the page's fetch. It must run off
// the UI goroutine (the UI calls it from ctx.Async): it blocks on promises.
func platformTransport(ctx context.Context, req request) (response, error) {
	headers := js.Global().Get("Headers").New()
	headers.Call("set", "Accept", "application/json")
	init := js.Global().Get("Object").New()
	init.Set("method", req.Method)
	init.Set("credentials", "same-origin")
	if req.Body != nil {
		headers.Call("set", "Content-Type", "application/json")
		init.Set("body", string(req.Body))
	}
	if req.CSRF != "" {
		headers.Call("set", "X-CSRF-Token", req.CSRF)
	}
	init.Set("headers", headers)
	abort := js.Global().Get("AbortController").New()
	init.Set("signal", abort.Get("signal"))

	resp, err := await(ctx, abort, js.Global().Call("fetch", req.Path, init))
	if err != nil {
		return response{}, err
	}
	text, err := await(ctx, abort, resp.Call("text"))
	if err != nil {
		return response{}, err
	}
	return response{Status: resp.Get("status").Int(), Body: []byte(text.String())}, nil
}

// await blocks until the promise settles. When ctx ends first, the request is
// aborted; the promise still settles (rejected) before the callbacks go.
func await(ctx context.Context, abort, promise js.Value) (js.Value, error) {
	type settled struct {
		value    js.Value
		rejected bool
	}
	done := make(chan settled, 1)
	onValue := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{value: args[0]}
		return nil
	})
	defer onValue.Release()
	onError := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{value: args[0], rejected: true}
		return nil
	})
	defer onError.Release()
	promise.Call("then", onValue, onError)

	var s settled
	select {
	case s = <-done:
	case <-ctx.Done():
		abort.Call("abort")
		<-done
		return js.Value{}, ctx.Err()
	}
	if s.rejected {
		return js.Value{}, unreachable(js.Global().Get("String").Invoke(s.value).String())
	}
	return s.value, nil
}
