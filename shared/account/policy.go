// Package account holds the per-account security policy.
package account

// Policy is the account's set of switches.
type Policy struct {
	TwoFactor TwoFactor `json:"two_factor" bson:"two_factor"`
	// Ladder: role changes may only go up the ladder (seed 003).
	Ladder bool `json:"ladder" bson:"ladder"`
	// Overrides: per-user grants and denies on top of the role (seeds 000, 001).
	Overrides bool `json:"overrides" bson:"overrides"`
	// Session lifetimes in minutes; 0 keeps the server's defaults.
	SessionIdleMinutes     int `json:"session_idle_minutes" bson:"session_idle_minutes"`
	SessionAbsoluteMinutes int `json:"session_absolute_minutes" bson:"session_absolute_minutes"`
}

// TwoFactor says who must use two-factor sign-in.
type TwoFactor struct {
	// Required is "none", "all" or "roles" (then Roles lists the role ids).
	Required  string   `json:"required" bson:"required"`
	Roles     []string `json:"roles" bson:"roles"`
	GraceDays int      `json:"grace_days" bson:"grace_days"`
}
