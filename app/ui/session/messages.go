package session

import (
	"errors"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// Message turns a failed call into a sentence for the person using the
// console; the code decides, since the server's own message is for logs.
func Message(err error) string {
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

// Refusal says why the server refused a change. A rule's refusal (409), a
// validation error (400) or a missing permission (403) comes with the
// server's own sentence, which names the rule; anything else gets Message's.
func Refusal(err error) string {
	if e, ok := errors.AsType[*client.Error](err); ok && e.Body.Message != "" {
		switch e.Status {
		case 400, 403, 409:
			return e.Body.Message
		}
	}
	return Message(err)
}

// FieldErrors reads a 400's per-field messages, renaming the API's fields
// to the form's; nil when err carries none.
func FieldErrors(err error, rename map[string]string) map[string]string {
	e, ok := errors.AsType[*client.Error](err)
	if !ok || len(e.Body.Fields) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range e.Body.Fields {
		if r, ok := rename[k]; ok {
			k = r
		}
		out[k] = v
	}
	return out
}

// FieldRefusal is what the server said about one field of a form, or why
// it refused the change when it named no such field.
func FieldRefusal(err error, field string) string {
	if msg := FieldErrors(err, nil)[field]; msg != "" {
		return msg
	}
	return Refusal(err)
}

// Code is the API's code of a failed call: api.CodeForbidden and the like;
// "" when err is nil or carries none.
func Code(err error) string { return client.Code(err) }
