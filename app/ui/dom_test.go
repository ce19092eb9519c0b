package ui

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// node is an element of rendered HTML, so that tests can find elements by
// test id wherever the layout puts them. app.Match checks exact positions;
// this checks what a person (or an e2e test) would find.
type node struct {
	tag      string
	attrs    map[string]string
	children []*node
	text     string // for text nodes, tag ""
}

// render parses the HTML of a UI element, mounted or not.
func render(t *testing.T, ui app.UI) *node {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(app.HTMLString(ui)))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		top := stack[len(stack)-1]
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{tag: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				// go-app writes the value "true" as a bare attribute,
				// which the decoder reads as name=name; the browser's
				// DOM holds "true".
				if a.Value == a.Name.Local {
					a.Value = "true"
				}
				n.attrs[a.Name.Local] = a.Value
			}
			top.children = append(top.children, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.children = append(top.children, &node{text: string(tok)})
		}
	}
	return root
}

// all returns the elements below n (n included) that match.
func (n *node) all(match func(*node) bool) []*node {
	var out []*node
	if n.tag != "" && match(n) {
		out = append(out, n)
	}
	for _, c := range n.children {
		out = append(out, c.all(match)...)
	}
	return out
}

// byTestID returns the element with the given data-testid, or nil.
func (n *node) byTestID(id string) *node {
	found := n.all(func(e *node) bool { return e.attrs["data-testid"] == id })
	if len(found) == 0 {
		return nil
	}
	return found[0]
}

// mustTestID is byTestID that fails the test when there is none.
func (n *node) mustTestID(t *testing.T, id string) *node {
	t.Helper()
	e := n.byTestID(id)
	if e == nil {
		t.Fatalf("no element with data-testid %q", id)
	}
	return e
}

// Text is the element's text with white space collapsed, as people read it.
func (n *node) Text() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(e *node) {
		b.WriteString(e.text + " ")
		for _, c := range e.children {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// testIDs lists the data-testid values that start with prefix, in order.
func (n *node) testIDs(prefix string) []string {
	var out []string
	for _, e := range n.all(func(e *node) bool { return strings.HasPrefix(e.attrs["data-testid"], prefix) }) {
		out = append(out, e.attrs["data-testid"])
	}
	return out
}
