package client

import (
	"context"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/plan"
)

// PlanList is GET /api/v1/plans: the tiers and their seat limits.
type PlanList struct {
	Items []plan.Tier `json:"items"`
}

// Plans lists the plan tiers, cheapest first.
func (c *Client) Plans(ctx context.Context) (PlanList, error) {
	return call[PlanList](ctx, c, "GET", "/plans", nil)
}

// Account reads the account: name, plan, seats and policy.
func (c *Client) Account(ctx context.Context) (api.Account, error) {
	return call[api.Account](ctx, c, "GET", "/account", nil)
}

// PatchAccount changes the account's name, plan or policy (the fields in sets).
func (c *Client) PatchAccount(ctx context.Context, in api.PatchAccount) (api.Account, error) {
	return call[api.Account](ctx, c, "PATCH", "/account", in)
}

// Mail lists the emails kept in the outbox when no SMTP server is configured.
func (c *Client) Mail(ctx context.Context) (api.MailList, error) {
	return call[api.MailList](ctx, c, "GET", "/mail", nil)
}

// Suggestions is the security review: the checks that fail, and the score.
func (c *Client) Suggestions(ctx context.Context) (api.Suggestions, error) {
	return call[api.Suggestions](ctx, c, "GET", "/security/suggestions", nil)
}
