package config

import (
	"fmt"
	"testing"
)

func TestTrustedProxiesAndTLS(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	s, err := Load(env(map[string]string{"TRUSTED_PROXIES": " 10.0.0.0/8, 192.0.2.7,::1 ,", "TLS_CERT_FILE": "c.pem", "TLS_KEY_FILE": "k.pem"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(s.Server.API.TrustedProxies); got != "[10.0.0.0/8 192.0.2.7/32 ::1/128]" {
		t.Errorf("TRUSTED_PROXIES read as %s", got)
	}
	if s.TLSCertFile != "c.pem" || s.TLSKeyFile != "k.pem" || s.PublicURL != "https://localhost:8080/" {
		t.Errorf("TLS settings %q %q, public URL %q", s.TLSCertFile, s.TLSKeyFile, s.PublicURL)
	}
	if s, _ := Load(env(nil)); len(s.Server.API.TrustedProxies) != 0 {
		t.Errorf("a proxy is trusted by default: %v", s.Server.API.TrustedProxies)
	}
	for _, bad := range []map[string]string{
		{"TRUSTED_PROXIES": "10.0.0.0/33"},
		{"TRUSTED_PROXIES": "proxy.internal"},
		{"TLS_CERT_FILE": "c.pem"},
		{"TLS_KEY_FILE": "k.pem"},
	} {
		if _, err := Load(env(bad)); err == nil {
			t.Errorf("Load(%v) accepted", bad)
		}
	}
}
