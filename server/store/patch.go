package store

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/rolesconsole/console/server/tenant"
)

// patch is what one revision changed in an account, so that a revision
// costs what changed, not a copy of the account: each changed value by its
// path of stored names (a field, a map entry such as one member, an element
// such as one role, down to one role's permissions), set or removed. Paths
// are lists of keys, never dotted strings, so map keys may hold any
// character. Patches are taken and applied on the Go values, never on the
// whole account's encoding: a big account costs milliseconds to encode.
type patch struct {
	Set   []setOp   `bson:"set,omitempty"`
	Unset []unsetOp `bson:"unset,omitempty"`
}

type setOp struct {
	Path  []string      `bson:"p"`
	Value bson.RawValue `bson:"v"`
}

// unsetOp is a document, not a bare path: FerretDB stores no array of arrays.
type unsetOp struct {
	Path []string `bson:"p"`
}

// diff is the patch that turns from into to. Structs are compared field by
// field, maps entry by entry and slices of one length element by element,
// where both sides hold some; anything else that changed is set whole.
func diff(from, to *tenant.Account) (patch, error) {
	var p patch
	return p, p.value(reflect.ValueOf(from).Elem(), reflect.ValueOf(to).Elem(), nil)
}

func (p *patch) value(was, now reflect.Value, path []string) error {
	if reflect.DeepEqual(was.Interface(), now.Interface()) {
		return nil
	}
	switch {
	case was.Kind() == reflect.Struct && !leaf(was.Type()):
		for _, f := range fieldsOf(was.Type()) {
			at := with(path, f.name)
			w, n := was.Field(f.index), now.Field(f.index)
			switch {
			case f.omitEmpty && empty(n):
				if !empty(w) {
					p.Unset = append(p.Unset, unsetOp{at})
				}
			case f.omitEmpty && empty(w):
				if err := p.set(at, n); err != nil {
					return err
				}
			default:
				if err := p.value(w, n, at); err != nil {
					return err
				}
			}
		}
		return nil
	case was.Kind() == reflect.Map && was.Len() > 0 && now.Len() > 0:
		iter := now.MapRange()
		for iter.Next() {
			at := with(path, iter.Key().String())
			if w := was.MapIndex(iter.Key()); w.IsValid() {
				if err := p.value(w, iter.Value(), at); err != nil {
					return err
				}
			} else if err := p.set(at, iter.Value()); err != nil {
				return err
			}
		}
		iter = was.MapRange()
		for iter.Next() {
			if !now.MapIndex(iter.Key()).IsValid() {
				p.Unset = append(p.Unset, unsetOp{with(path, iter.Key().String())})
			}
		}
		return nil
	case was.Kind() == reflect.Slice && was.Len() > 0 && was.Len() == now.Len():
		for i := range now.Len() {
			if err := p.value(was.Index(i), now.Index(i), with(path, strconv.Itoa(i))); err != nil {
				return err
			}
		}
		return nil
	case was.Kind() == reflect.Pointer && !was.IsNil() && !now.IsNil() && !leaf(was.Type()):
		return p.value(was.Elem(), now.Elem(), path)
	}
	return p.set(path, now)
}

func (p *patch) set(path []string, v reflect.Value) error {
	t, b, err := bson.MarshalValue(v.Interface())
	if err != nil {
		return err
	}
	p.Set = append(p.Set, setOp{path, bson.RawValue{Type: t, Value: b}})
	return nil
}

// apply changes a as the patch says.
func (p patch) apply(a *tenant.Account) error {
	root := reflect.ValueOf(a).Elem()
	for i := range p.Set {
		if err := setPath(root, p.Set[i].Path, &p.Set[i].Value); err != nil {
			return fmt.Errorf("store: patch at %v: %w", p.Set[i].Path, err)
		}
	}
	for _, u := range p.Unset {
		if err := setPath(root, u.Path, nil); err != nil {
			return fmt.Errorf("store: patch removing %v: %w", u.Path, err)
		}
	}
	return nil
}

// setPath sets the value at path below v (addressable) to raw, or removes
// it when raw is nil. Names the type does not hold are skipped, as
// decoding skips them.
func setPath(v reflect.Value, path []string, raw *bson.RawValue) error {
	if v.Kind() == reflect.Pointer && len(path) > 0 {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	if len(path) == 0 {
		if raw == nil {
			v.SetZero()
			return nil
		}
		out := reflect.New(v.Type())
		if err := raw.Unmarshal(out.Interface()); err != nil {
			return err
		}
		v.Set(out.Elem())
		return nil
	}
	switch v.Kind() {
	case reflect.Struct:
		for _, f := range fieldsOf(v.Type()) {
			if f.name == path[0] {
				return setPath(v.Field(f.index), path[1:], raw)
			}
		}
		return nil
	case reflect.Map:
		key := reflect.ValueOf(path[0]).Convert(v.Type().Key())
		if raw == nil && len(path) == 1 {
			if !v.IsNil() {
				v.SetMapIndex(key, reflect.Value{})
			}
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		if cur := v.MapIndex(key); cur.IsValid() {
			elem.Set(cur)
		}
		if err := setPath(elem, path[1:], raw); err != nil {
			return err
		}
		v.SetMapIndex(key, elem)
		return nil
	case reflect.Slice:
		i, err := strconv.Atoi(path[0])
		if err != nil || i < 0 || i >= v.Len() {
			return fmt.Errorf("no element %q of %d", path[0], v.Len())
		}
		return setPath(v.Index(i), path[1:], raw)
	}
	return fmt.Errorf("a %s holds no %q", v.Type(), path[0])
}

// clone is a deep copy of an account, for a change to modify while the
// account it came from stays shared. Its strings are the original's.
func clone(a *tenant.Account) *tenant.Account {
	return deepCopy(reflect.ValueOf(a)).Interface().(*tenant.Account)
}

func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(deepCopy(v.Elem()))
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			out.SetMapIndex(iter.Key(), deepCopy(iter.Value()))
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		if plain(v.Type().Elem()) {
			reflect.Copy(out, v)
			return out
		}
		for i := range v.Len() {
			out.Index(i).Set(deepCopy(v.Index(i)))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		if leaf(v.Type()) {
			return out
		}
		for _, f := range fieldsOf(v.Type()) {
			out.Field(f.index).Set(deepCopy(v.Field(f.index)))
		}
		return out
	}
	return v
}

// plain reports a kind copied by value, holding no reference but to
// immutable bytes (strings).
func plain(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Struct, reflect.Interface, reflect.Array:
		return false
	}
	return true
}

var timeType = reflect.TypeFor[time.Time]()

// leaf reports a struct stored as one value (a time), not field by field.
func leaf(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t == timeType
}

// empty mirrors what the driver leaves out for omitempty.
func empty(v reflect.Value) bool {
	if z, ok := v.Interface().(interface{ IsZero() bool }); ok && (v.Kind() != reflect.Pointer || !v.IsNil()) {
		return z.IsZero()
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		return false
	}
	return v.IsZero()
}

// field is one stored field of a struct: its index, its stored name, and
// whether it is left out when empty.
type field struct {
	index     int
	name      string
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type -> []field

// fieldsOf lists a struct's stored fields as the driver names them.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("bson")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fs = append(fs, field{index: i, name: name, omitEmpty: strings.Contains(opts, "omitempty")})
	}
	fieldCache.Store(t, fs)
	return fs
}

// with is path and then k, copied: a map key a change stored may share a
// request's buffer, and paths outlive the request (see claim).
func with(path []string, k string) []string {
	return append(path[:len(path):len(path)], strings.Clone(k))
}
