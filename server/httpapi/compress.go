package httpapi

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// compressMin is the size from which an answer goes compressed: below it
// the bytes saved do not pay for the encoding.
const compressMin = 1 << 10

// plainRoutes are the reads never compressed, against BREACH: compressed
// sizes leak a secret to whoever can watch them while making the same
// answer reflect text of their choosing. GET /me carries the session's CSRF
// token; GET /mail carries sign-in and reset links beside addresses anyone
// may type into "forgot password". Writes are never compressed either: they
// answer with the secrets they make (the CSRF token at sign-in and at an
// invite's acceptance, a TOTP secret, recovery codes, reset links), and
// their answers are small. Every other read holds no secret.
var plainRoutes = map[string]bool{"/me": true, "/mail": true}

// compressing has every read but plainRoutes answer compressed when the
// answer is large enough and the client accepts brotli or gzip.
func compressing(routes []Route) []Route {
	out := make([]Route, len(routes))
	for i, rt := range routes {
		if rt.Method == fiber.MethodGet && !plainRoutes[rt.Path] {
			rt.Handle = compressed(rt.Handle)
		}
		out[i] = rt
	}
	return out
}

// compressed encodes what h answers, per the request's Accept-Encoding. An
// answer kept by the answers cache brings its own encodings, made once per
// revision; any other is encoded here, per request. Errors go plain: the
// error handler writes them after this returns, and they are small.
func compressed(h fiber.Handler) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := h(c); err != nil {
			return err
		}
		c.Vary(fiber.HeaderAcceptEncoding)
		res := c.Response()
		body := res.Body()
		if len(body) < compressMin || len(res.Header.Peek(fiber.HeaderContentEncoding)) > 0 {
			return nil
		}
		enc := acceptedEncoding(c.Get(fiber.HeaderAcceptEncoding))
		if enc == "" {
			return nil
		}
		var out []byte
		if kept, ok := c.Locals(answerKey).(*answer); ok {
			out = kept.encoded(enc)
		} else {
			out = encode(enc, body)
		}
		c.Set(fiber.HeaderContentEncoding, enc)
		res.SetBodyRaw(out)
		return nil
	}
}

// acceptedEncoding is the coding of brotli and gzip the client ranks
// higher (q values and "*" honoured), brotli when ranked alike (browsers
// list gzip first), "" for neither: no Accept-Encoding means plain.
func acceptedEncoding(header string) string {
	var br, gz, other float64 // q values; "*" stands for codings not named
	var brSaid, gzSaid bool
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		q := 1.0
		for p := range strings.SplitSeq(params, ";") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
				q, _ = strconv.ParseFloat(v, 64) // unreadable: 0, not acceptable
			}
		}
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "br":
			br, brSaid = q, true
		case "gzip", "x-gzip":
			gz, gzSaid = q, true
		case "*":
			other = q
		}
	}
	if !brSaid {
		br = other
	}
	if !gzSaid {
		gz = other
	}
	switch {
	case br > 0 && br >= gz:
		return "br"
	case gz > 0:
		return "gzip"
	}
	return ""
}
