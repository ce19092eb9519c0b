package rules

// Codes of a refusal: the error code the API answers it with, and what the
// UI keys on (a forbidden or invalid_state refusal hides a control rather
// than greying it out).
const (
	CodeInvalidInput     = "invalid_input"
	CodeForbidden        = "forbidden"
	CodeNotFound         = "not_found"
	CodeSeatLimitReached = "seat_limit_reached"
	CodeLastSuperAdmin   = "last_super_admin"
	CodeRoleCapReached   = "role_cap_reached"
	CodeLadderDemotion   = "ladder_demotion"
	CodeSelfRestriction  = "self_restriction"
	CodeEscalation       = "escalation"
	CodeInvalidState     = "invalid_state"
	// CodeNameTaken: a role's name is already used in the account.
	CodeNameTaken = "name_taken"
)
