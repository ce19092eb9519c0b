package client

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/rolesconsole/console/shared/api"
)

// Error is an answer outside 2xx, or no answer at all (Status 0).
type Error struct {
	Status int
	Body   api.ErrorBody
}

func (e *Error) Error() string {
	if e.Body.Message != "" {
		return fmt.Sprintf("%d %s: %s", e.Status, e.Body.Code, e.Body.Message)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Body.Code)
}

// Code returns the API error code of err ("" when err is not an *Error), so
// that the UI can branch on it.
func Code(err error) string {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Body.Code
	}
	return ""
}

// unreachable is the error for a request that got no answer: to the person
// using the console the service is unavailable, whatever the cause.
func unreachable(cause string) *Error {
	return &Error{Body: api.ErrorBody{Code: api.CodeUnavailable, Message: cause}}
}

// decodeError reads the contract's error body. Proxies in front of the server
// may answer without one; their status then decides the code.
func decodeError(resp response) *Error {
	var body api.Error
	if json.Unmarshal(resp.Body, &body) != nil || body.Error.Code == "" {
		body.Error = api.ErrorBody{Code: codeFor(resp.Status)}
	}
	return &Error{Status: resp.Status, Body: body.Error}
}

func codeFor(status int) string {
	switch status {
	case 401:
		return api.CodeUnauthenticated
	case 403:
		return api.CodeForbidden
	case 404:
		return api.CodeNotFound
	case 413:
		return api.CodeTooLarge
	case 429:
		return api.CodeTooManyAttempts
	case 502, 503, 504:
		return api.CodeUnavailable
	}
	return api.CodeInternal
}
