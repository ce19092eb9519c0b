//go:build !js

package client

import (
	"context"
	"testing"
)

func TestOutsideBrowser(t *testing.T) {
	_, err := New().Me(context.Background())
	if err == nil || err.Error() != "not running in a browser" {
		t.Fatalf("err = %v", err)
	}
}
