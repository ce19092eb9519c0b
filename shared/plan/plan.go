// Package plan holds the plan tiers and the admin seats each allows.
package plan

// Tier is a plan an account can be on.
type Tier struct {
	Key   string `json:"key"`
	Name  string `json:"name"`
	Seats int    `json:"seats"`
}

// Tiers lists every plan, cheapest first.
var Tiers = []Tier{
	{Key: "starter", Name: "Starter", Seats: 2},
	{Key: "professional", Name: "Professional", Seats: 5},
	{Key: "business", Name: "Business", Seats: 15},
	{Key: "enterprise", Name: "Enterprise", Seats: 50},
}

// Default is the plan of an account created without naming one.
const Default = "professional"

// Lookup returns the tier with the given key.
func Lookup(key string) (Tier, bool) {
	for _, t := range Tiers {
		if t.Key == key {
			return t, true
		}
	}
	return Tier{}, false
}
