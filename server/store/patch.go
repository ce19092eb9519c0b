package store

import (
	"bytes"
	"fmt"
	"strconv"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// patch is what one revision changed in an account, so that a revision
// costs what changed, not a copy of the account: each changed value by its
// path (a field, a map entry such as one member, an array element such as
// one role, down to a role's permissions), set or removed. Paths are lists
// of keys, never dotted strings, so map keys may hold any character.
type patch struct {
	Set   []setOp    `bson:"set,omitempty"`
	Unset [][]string `bson:"unset,omitempty"`
}

type setOp struct {
	Path  []string      `bson:"p"`
	Value bson.RawValue `bson:"v"`
}

// diff is the patch that turns the document from into to. Documents are
// compared key by key (maps are stored in any order), arrays of one length
// element by element; any other changed value is set whole.
func diff(from, to bson.Raw) (patch, error) {
	var p patch
	return p, p.docs(from, to, nil)
}

func (p *patch) docs(from, to bson.Raw, path []string) error {
	old, err := from.Elements()
	if err != nil {
		return err
	}
	kept := make(map[string]bson.RawValue, len(old))
	for _, e := range old {
		kept[e.Key()] = e.Value()
	}
	now, err := to.Elements()
	if err != nil {
		return err
	}
	seen := make(map[string]bool, len(now))
	for _, e := range now {
		k := e.Key()
		seen[k] = true
		at := append(path[:len(path):len(path)], k)
		if was, ok := kept[k]; ok {
			err = p.values(was, e.Value(), at)
		} else {
			p.Set = append(p.Set, setOp{at, e.Value()})
		}
		if err != nil {
			return err
		}
	}
	for _, e := range old {
		if !seen[e.Key()] {
			p.Unset = append(p.Unset, append(path[:len(path):len(path)], e.Key()))
		}
	}
	return nil
}

func (p *patch) values(was, now bson.RawValue, path []string) error {
	switch {
	case was.Type == bson.TypeEmbeddedDocument && now.Type == bson.TypeEmbeddedDocument:
		return p.docs(was.Document(), now.Document(), path)
	case was.Type == bson.TypeArray && now.Type == bson.TypeArray:
		olds, err := was.Array().Values()
		if err != nil {
			return err
		}
		news, err := now.Array().Values()
		if err != nil {
			return err
		}
		if len(olds) == len(news) {
			for i := range news {
				if err := p.values(olds[i], news[i], append(path[:len(path):len(path)], strconv.Itoa(i))); err != nil {
					return err
				}
			}
			return nil
		}
	case was.Type == now.Type && bytes.Equal(was.Value, now.Value):
		return nil
	}
	p.Set = append(p.Set, setOp{path, now})
	return nil
}

// apply changes doc as the patch says.
func (p patch) apply(doc bson.D) (bson.D, error) {
	for _, s := range p.Set {
		var v any
		if err := s.Value.Unmarshal(&v); err != nil {
			return nil, err
		}
		var err error
		if doc, err = setAt(doc, s.Path, v); err != nil {
			return nil, err
		}
	}
	for _, path := range p.Unset {
		var err error
		if doc, err = unsetAt(doc, path); err != nil {
			return nil, err
		}
	}
	return doc, nil
}

// setAt sets the value at path in doc, and returns doc.
func setAt(doc bson.D, path []string, v any) (bson.D, error) {
	for i := range doc {
		if doc[i].Key != path[0] {
			continue
		}
		if len(path) == 1 {
			doc[i].Value = v
			return doc, nil
		}
		var err error
		doc[i].Value, err = setIn(doc[i].Value, path[1:], v)
		return doc, err
	}
	if len(path) > 1 {
		return nil, fmt.Errorf("store: patch path %v: no %q", path, path[0])
	}
	return append(doc, bson.E{Key: path[0], Value: v}), nil
}

// setIn sets the value at path in the document or array c.
func setIn(c any, path []string, v any) (any, error) {
	switch c := c.(type) {
	case bson.D:
		return setAt(c, path, v)
	case bson.A:
		i, err := strconv.Atoi(path[0])
		if err != nil || i < 0 || i >= len(c) {
			return nil, fmt.Errorf("store: patch path %v: no element %q", path, path[0])
		}
		if len(path) == 1 {
			c[i] = v
			return c, nil
		}
		c[i], err = setIn(c[i], path[1:], v)
		return c, err
	}
	return nil, fmt.Errorf("store: patch path %v goes through a %T", path, c)
}

// unsetAt removes the field at path; only document fields are ever removed.
func unsetAt(doc bson.D, path []string) (bson.D, error) {
	for i := range doc {
		if doc[i].Key != path[0] {
			continue
		}
		if len(path) == 1 {
			return append(doc[:i], doc[i+1:]...), nil
		}
		inner, err := unsetIn(doc[i].Value, path[1:])
		doc[i].Value = inner
		return doc, err
	}
	return doc, nil
}

func unsetIn(c any, path []string) (any, error) {
	switch c := c.(type) {
	case bson.D:
		return unsetAt(c, path)
	case bson.A:
		i, err := strconv.Atoi(path[0])
		if err != nil || i < 0 || i >= len(c) || len(path) == 1 {
			return nil, fmt.Errorf("store: patch unset %v: no element %q", path, path[0])
		}
		c[i], err = unsetIn(c[i], path[1:])
		return c, err
	}
	return nil, fmt.Errorf("store: patch unset %v goes through a %T", path, c)
}
