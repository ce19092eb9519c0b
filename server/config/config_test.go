package config

import (
	"log/slog"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	s, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if s.Addr != ":8080" || s.PublicURL != "http://localhost:8080/" || s.Server.Store.DataDir != "./data" ||
		s.Server.WebDir != "./web" || s.LogLevel != slog.LevelInfo || s.LogFormat != "json" {
		t.Errorf("defaults %+v", s)
	}
	s, err = Load(env(map[string]string{
		"ADDR": "127.0.0.1:9000", "SESSION_IDLE_TIMEOUT": "5m", "SESSION_ABSOLUTE_TIMEOUT": "2h", "STORE_TIMEOUT": "1s",
		"MONGODB_URI": "mongodb://db/", "LOG_LEVEL": "debug", "LOG_FORMAT": "text", "BOOTSTRAP_EMAIL": "a@b.c",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if s.PublicURL != "http://localhost:9000/" || s.Server.Auth.IdleTimeout != 5*time.Minute || s.Server.Auth.AbsoluteTimeout != 2*time.Hour ||
		s.Server.Store.Timeout != time.Second || s.Server.Store.URI != "mongodb://db/" || s.LogLevel != slog.LevelDebug ||
		s.Server.BootstrapEmail != "a@b.c" {
		t.Errorf("settings %+v", s)
	}
	for _, bad := range []map[string]string{
		{"SESSION_IDLE_TIMEOUT": "soon"},
		{"SESSION_ABSOLUTE_TIMEOUT": "-1h"},
		{"LOG_LEVEL": "loud"},
		{"LOG_FORMAT": "xml"},
	} {
		if _, err := Load(env(bad)); err == nil {
			t.Errorf("Load(%v) accepted", bad)
		}
	}
}
