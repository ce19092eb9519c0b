package session

import (
	"context"

	"github.com/rolesconsole/console/app/client"
	"github.com/rolesconsole/console/shared/api"
)

// AllUsersPath is the first request of AllUsers for every user, which the
// server announces with the page (see Preloads).
const AllUsersPath = "/users?limit=200"

// UserQuery is the filters of GET /users.
type UserQuery = client.UserQuery

// AllUsers pages through GET /users.
func AllUsers(ctx context.Context, q client.UserQuery) ([]api.User, error) {
	q.Limit = 200
	out := []api.User{}
	for {
		page, err := API.Users(ctx, q)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.NextCursor == "" || len(page.Items) == 0 {
			return out, nil
		}
		q.Cursor = page.NextCursor
	}
}
