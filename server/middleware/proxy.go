package middleware

import (
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// ParseTrustedProxies reads addresses and CIDRs ("10.0.0.0/8",
// "192.0.2.7"): the reverse proxies whose forwarded headers are believed.
func ParseTrustedProxies(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if a, err := netip.ParseAddr(s); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// ForwardedFor leaves in X-Forwarded-For only the client's address: the
// right-most hop that is not a trusted proxy, since every hop to its right
// was added by a proxy of ours and every hop to its left by whoever sent
// the request. It runs only for requests from a trusted proxy; Fiber,
// configured with the same proxies and X-Forwarded-For as its proxy header,
// then answers c.IP() with that address, and from anyone else with the
// peer's own address, ignoring their headers (X-Forwarded-Proto too).
func ForwardedFor(trusted []netip.Prefix) fiber.Handler {
	isTrusted := func(a netip.Addr) bool {
		a = a.Unmap()
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	return func(c *fiber.Ctx) error {
		peer, ok := netip.AddrFromSlice(c.Context().RemoteIP())
		if !ok || !isTrusted(peer) {
			return c.Next()
		}
		h := &c.Request().Header
		hops := strings.Split(strings.Join(headerValues(h.PeekAll(fiber.HeaderXForwardedFor)), ","), ",")
		client := ""
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // garbage: the nearest hop we could read stands
			}
			client = a.Unmap().String()
			if !isTrusted(a) {
				break
			}
		}
		h.Del(fiber.HeaderXForwardedFor)
		if client != "" {
			h.Set(fiber.HeaderXForwardedFor, client)
		}
		return c.Next()
	}
}

func headerValues(vs [][]byte) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
