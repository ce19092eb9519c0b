package uitest

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Node is an element of rendered HTML, so that tests can find elements by
// test id wherever the layout puts them. app.Match checks exact positions;
// this checks what a person (or an e2e test) would find.
type Node struct {
	Tag      string
	Attrs    map[string]string
	children []*Node
	text     string // for text nodes, tag ""
}

// Render parses the HTML of a UI element, mounted or not.
func Render(t *testing.T, ui app.UI) *Node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(app.HTMLString(ui)))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &Node{}
	stack := []*Node{root}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &Node{Tag: tok.Name.Local, Attrs: map[string]string{}}
			for _, a := range tok.Attr {
				// go-app writes the value "true" as a bare attribute,
				// which the decoder reads as name=name; the browser's
				// DOM holds "true".
				if a.Value == a.Name.Local {
					a.Value = "true"
				}
				n.Attrs[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.children = append(top.children, &Node{text: string(tok)})
		}
	}
	return root
}

// All returns the elements below n (n included) that match.
func (n *Node) All(match func(*Node) bool) []*Node {
	var out []*Node
	if n.Tag != "" && match(n) {
		out = append(out, n)
	}
	for _, c := range n.children {
		out = append(out, c.All(match)...)
	}
	return out
}

// ByTestID returns the element with the given data-testid, or nil.
func (n *Node) ByTestID(id string) *Node {
	found := n.All(func(e *Node) bool { return e.Attrs["data-testid"] == id })
	if len(found) == 0 {
		return nil
	}
	return found[0]
}

// MustTestID is ByTestID that fails the test when there is none.
func (n *Node) MustTestID(t *testing.T, id string) *Node {
	t.Helper()
	e := n.ByTestID(id)
	if e == nil {
		t.Fatalf("no element with data-testid %q", id)
	}
	return e
}

// Text is the element's text with white space collapsed, as people read it.
func (n *Node) Text() string {
	var b strings.Builder
	var walk func(*Node)
	walk = func(e *Node) {
		b.WriteString(e.text + " ")
		for _, c := range e.children {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestIDs lists the data-testid values that start with prefix, in order.
func (n *Node) TestIDs(prefix string) []string {
	var out []string
	for _, e := range n.All(func(e *Node) bool { return strings.HasPrefix(e.Attrs["data-testid"], prefix) }) {
		out = append(out, e.Attrs["data-testid"])
	}
	return out
}

// DescribedBy is the text of the elements that describe el.
func DescribedBy(page *Node, el *Node) string {
	var parts []string
	for _, id := range strings.Fields(el.Attrs["aria-describedby"]) {
		if found := page.All(func(e *Node) bool { return e.Attrs["id"] == id }); len(found) == 1 {
			parts = append(parts, found[0].Text())
		}
	}
	return strings.Join(parts, " | ")
}

// Selected is the value of the option a <select> has selected, "" when none.
func Selected(sel *Node) string {
	for _, o := range sel.All(func(e *Node) bool { return e.Tag == "option" }) {
		if o.Attrs["selected"] == "true" {
			return o.Attrs["value"]
		}
	}
	return ""
}
