package roles

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rolesconsole/console/shared/api"
	"github.com/rolesconsole/console/shared/perm"
)

// The matrix is one tab stop (the ARIA grid pattern): the focus moves
// inside it with the arrow keys, and only the cell last in focus is in the
// tab order, so that a keyboard gets past 1,500 cells in one press.

// gridRows are the ids of what takes the focus in the grid, row by row: a
// module's toggle, then, unless folded, a cell per shown role for each action.
func (c *Page) gridRows(roles []api.Role, modules []shownModule) [][]string {
	if len(roles) == 0 {
		return nil // the grid is not shown
	}
	var rows [][]string
	for _, m := range modules {
		rows = append(rows, []string{moduleToggleID(m.Key)})
		if c.collapsed[m.Key] {
			continue
		}
		for _, act := range m.shown {
			row := make([]string, len(roles))
			for k, r := range roles {
				row[k] = cellID(r.ID, baseOf(m.Key, act.Key))
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// tabStop is the one element of the grid in the tab order: the last one
// in focus while it is still shown, else the first cell.
func tabStop(rows [][]string, active string) string {
	for _, row := range rows {
		if slices.Contains(row, active) {
			return active
		}
	}
	return firstCell(rows)
}

// firstCell is the first role's cell on the first action's row, or the
// first module's toggle when every module is folded.
func firstCell(rows [][]string) string {
	for _, row := range rows {
		if !strings.HasPrefix(row[0], "module-toggle-") {
			return row[0]
		}
	}
	if len(rows) > 0 {
		return rows[0][0]
	}
	return ""
}

// move is where a key takes the focus from the element from; col is the
// column the focus keeps while it goes through a module's one-cell row. ok
// is false for keys the grid leaves to the browser.
func move(rows [][]string, from string, col int, key string, ctrl bool) (to string, toCol int, ok bool) {
	r, k := -1, 0
	for i, row := range rows {
		if j := slices.Index(row, from); j >= 0 {
			r, k = i, j
			break
		}
	}
	if r < 0 {
		return "", 0, false
	}
	last := func(i int) int { return len(rows[i]) - 1 }
	switch {
	case key == "ArrowRight":
		k, col = min(k+1, last(r)), min(k+1, last(r))
	case key == "ArrowLeft":
		k, col = max(k-1, 0), max(k-1, 0)
	case key == "ArrowDown":
		r = min(r+1, len(rows)-1)
		k = min(col, last(r))
	case key == "ArrowUp":
		r = max(r-1, 0)
		k = min(col, last(r))
	case key == "Home" && ctrl:
		// The first cell, as when the grid is first tabbed into.
		first := firstCell(rows)
		r = max(slices.IndexFunc(rows, func(row []string) bool { return row[0] == first }), 0)
		k, col = 0, 0
	case key == "End" && ctrl:
		r = len(rows) - 1
		k, col = last(r), last(r)
	case key == "Home":
		k, col = 0, 0
	case key == "End":
		k, col = last(r), last(r)
	default:
		return "", 0, false
	}
	return rows[r][k], col, true
}

// keyMove is where the key takes the focus from the element from, which
// becomes the grid's tab stop; ok is false for keys the grid leaves alone.
func (c *Page) keyMove(from, key string, ctrl bool) (to string, ok bool) {
	to, col, ok := move(c.gridRows(c.shownRoles(), c.shownModules()), from, c.col, key, ctrl)
	if ok {
		c.active, c.col = to, col
	}
	return to, ok
}

// listenKeys moves the focus through the grid straight in the page, not
// through go-app: an event handled there re-renders the whole page, 1,550
// cells at 50 roles, for each arrow pressed; and the arrows' scrolling
// must be prevented while the event is still being dispatched. The next
// rendering agrees with what was done here, since c.active says it too.
func (c *Page) listenKeys() {
	if !app.IsClient {
		return
	}
	c.keys = app.FuncOf(func(_ app.Value, args []app.Value) any {
		e := args[0]
		from := e.Get("target").Get("id").String()
		to, ok := c.keyMove(from, e.Get("key").String(), e.Get("ctrlKey").Bool() || e.Get("metaKey").Bool())
		if !ok {
			return nil
		}
		e.Call("preventDefault")
		doc := app.Window().Get("document")
		if next := doc.Call("getElementById", to); next.Truthy() {
			doc.Call("getElementById", from).Set("tabIndex", -1)
			next.Set("tabIndex", 0)
			next.Call("focus")
		}
		return nil
	})
	c.keysOn = c.JSValue()
	c.keysOn.Call("addEventListener", "keydown", c.keys)
}

// OnDismount lets go of the keyboard listener.
func (c *Page) OnDismount() {
	if c.keys != nil {
		// The page's element, as it was when listened to: go-app may have
		// let go of it by now.
		c.keysOn.Call("removeEventListener", "keydown", c.keys)
		c.keys.Release()
		c.keys, c.keysOn = nil, nil
	}
}

func cellID(roleID, base string) string { return "matrix-cell-" + roleID + "-" + base }

func moduleToggleID(key string) string { return "module-toggle-" + key }

func baseOf(module, action string) string { return perm.ID{Module: module, Action: action}.String() }
