package ui

import (
	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// message turns a failed call into a sentence for the person using the
// console; the code decides, since the server's own message is for logs.
func message(err error) string {
	switch client.Code(err) {
	case api.CodeUnavailable:
		return "The service is unavailable. Try again shortly."
	case api.CodeTooManyAttempts:
		return "Too many attempts. Try again in a few minutes."
	case api.CodeForbidden:
		return "You don't have permission to do that."
	case api.CodeCSRF:
		return "Your session needs refreshing. Reload the page and try again."
	}
	return "Something went wrong. Try again."
}
