package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"assetronics.dev/agent/internal/collect"
	"assetronics.dev/agent/internal/payload"
)

// The server generates agent/checkin.schema.json from its zod schema
// (npm run agent:schema). These tests check what the agent sends against it:
// every key the agent can send must be a property the schema knows, and real
// payloads must validate.

var schemaPath = "../../checkin.schema.json"

func loadSchema(t *testing.T) map[string]interface{} {
	t.Helper()
	// CHECKIN_SCHEMA points at another copy, e.g. one generated before committing.
	if p := os.Getenv("CHECKIN_SCHEMA"); p != "" {
		schemaPath = p
	}
	raw, err := os.ReadFile(schemaPath)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s does not exist yet; the server generates it with `npm run agent:schema`", filepath.Clean(schemaPath))
	}
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]interface{}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("%s is not JSON: %v", schemaPath, err)
	}
	return schema
}

// fullPayload sets every field the agent knows, so a key the schema lacks shows up.
func fullPayload() payload.CheckIn {
	up := int64(12345)
	rot := false
	return payload.CheckIn{
		AgentVersion: "0.1.0", CollectedAt: "2026-12-05T10:00:00Z", Hostname: "pc-042",
		Hardware: payload.Hardware{
			Serial: "PF3ABC12", Vendor: "LENOVO", Model: "ThinkPad T14 Gen 3", ChassisType: payload.ChassisLaptop,
			CPU:         &payload.CPU{Model: "i7", Cores: 8, Threads: 16},
			MemoryBytes: 34359738368,
			Disks:       []payload.Disk{{Name: "nvme0n1", SizeBytes: 512110190592, Model: "Samsung", Rotational: &rot}},
		},
		OS:            payload.OS{Family: "linux", Name: "Debian GNU/Linux", Version: "12", Kernel: "6.1.0-13-amd64", Arch: "amd64"},
		Network:       []payload.NetworkInterface{{Name: "eth0", MAC: "aa:bb:cc:dd:ee:ff", IPv4: []string{"10.0.0.5"}, IPv6: []string{"2001:db8::5"}}},
		Users:         payload.Users{Current: []string{"alice"}, Last: "alice"},
		UptimeSeconds: &up,
		Software:      []payload.Software{{Name: "zoom", Version: "5.17.1", Publisher: "Zoom", Source: payload.SourceDpkg}},
		Errors:        []payload.CollectorError{{Collector: "software", Message: "dpkg-query not found"}},
	}
}

func asJSON(t *testing.T, v interface{}) interface{} {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out interface{}
	json.Unmarshal(raw, &out)
	return out
}

func TestEveryPayloadKeyIsInTheSchema(t *testing.T) {
	schema := loadSchema(t)
	var unknown []string
	walkKeys(schema, schema, asJSON(t, fullPayload()), "", &unknown)
	if len(unknown) > 0 {
		t.Fatalf("keys the agent sends that %s does not define: %s", schemaPath, strings.Join(unknown, ", "))
	}
	if problems := validate(schema, schema, asJSON(t, fullPayload()), ""); len(problems) > 0 {
		t.Fatalf("a complete payload does not validate:\n%s", strings.Join(problems, "\n"))
	}
}

func TestEveryEnumValueIsInTheSchema(t *testing.T) {
	schema := loadSchema(t)
	for _, chassis := range []string{payload.ChassisLaptop, payload.ChassisDesktop, payload.ChassisServer, payload.ChassisVirtual, payload.ChassisTablet, payload.ChassisOther} {
		p := fullPayload()
		p.Hardware.ChassisType = chassis
		if problems := validate(schema, schema, asJSON(t, p), ""); len(problems) > 0 {
			t.Errorf("chassisType %q: %s", chassis, strings.Join(problems, "; "))
		}
	}
	for _, source := range []string{payload.SourceDpkg, payload.SourceRPM, payload.SourceBrew, payload.SourcePkgutil, payload.SourceMSI, payload.SourceRegistry, payload.SourceOther} {
		p := fullPayload()
		p.Software[0].Source = source
		if problems := validate(schema, schema, asJSON(t, p), ""); len(problems) > 0 {
			t.Errorf("software source %q: %s", source, strings.Join(problems, "; "))
		}
	}
	for _, family := range []string{"linux", "darwin", "windows"} {
		p := fullPayload()
		p.OS.Family = family
		if problems := validate(schema, schema, asJSON(t, p), ""); len(problems) > 0 {
			t.Errorf("os family %q: %s", family, strings.Join(problems, "; "))
		}
	}
}

// The real dry-run on the machine running the tests, as the server would receive it.
func TestDryRunOnThisMachineValidates(t *testing.T) {
	schema := loadSchema(t)
	r := runAgent(t, collect.System(), filepath.Join(t.TempDir(), "absent.json"), "check-in", "--dry-run")
	if r.code != 0 {
		t.Fatalf("dry-run exit %d: %s", r.code, r.stderr)
	}
	var doc interface{}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("dry-run output is not JSON: %v", err)
	}
	var unknown []string
	walkKeys(schema, schema, doc, "", &unknown)
	if len(unknown) > 0 {
		t.Fatalf("unknown keys: %s", strings.Join(unknown, ", "))
	}
	if problems := validate(schema, schema, doc, ""); len(problems) > 0 {
		t.Fatalf("this machine's payload does not validate:\n%s", strings.Join(problems, "\n"))
	}
}

func TestValidatorCatchesMistakes(t *testing.T) {
	schema := loadSchema(t)
	bad := asJSON(t, fullPayload()).(map[string]interface{})
	bad["hardware"].(map[string]interface{})["chassisType"] = "spaceship"
	bad["software"].([]interface{})[0].(map[string]interface{})["source"] = "apt"
	bad["hostname"] = strings.Repeat("x", 600)
	bad["surprise"] = true
	problems := validate(schema, schema, bad, "")
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"hardware.chassisType", "software.0.source", "hostname", "surprise"} {
		if !strings.Contains(joined, want) {
			t.Errorf("validator missed %s:\n%s", want, joined)
		}
	}
}

// resolve follows a local $ref ("#/$defs/x").
func resolve(root, s map[string]interface{}) map[string]interface{} {
	for depth := 0; depth < 16; depth++ {
		ref, ok := s["$ref"].(string)
		if !ok || !strings.HasPrefix(ref, "#/") {
			return s
		}
		var node interface{} = root
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			m, _ := node.(map[string]interface{})
			node = m[part]
		}
		next, ok := node.(map[string]interface{})
		if !ok {
			return s
		}
		s = next
	}
	return s
}

// branches lists a schema and its anyOf/oneOf/allOf alternatives.
func branches(root, s map[string]interface{}) []map[string]interface{} {
	s = resolve(root, s)
	out := []map[string]interface{}{s}
	for _, key := range []string{"anyOf", "oneOf", "allOf"} {
		if list, ok := s[key].([]interface{}); ok {
			for _, b := range list {
				if m, ok := b.(map[string]interface{}); ok {
					out = append(out, branches(root, m)...)
				}
			}
		}
	}
	return out
}

// walkKeys reports object keys in doc that no property of the schema names.
func walkKeys(root, s map[string]interface{}, doc interface{}, at string, unknown *[]string) {
	switch v := doc.(type) {
	case map[string]interface{}:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var found map[string]interface{}
			for _, b := range branches(root, s) {
				if props, ok := b["properties"].(map[string]interface{}); ok {
					if p, ok := props[k].(map[string]interface{}); ok {
						found = p
						break
					}
				}
			}
			if found == nil {
				*unknown = append(*unknown, join(at, k))
				continue
			}
			walkKeys(root, found, v[k], join(at, k), unknown)
		}
	case []interface{}:
		for _, b := range branches(root, s) {
			if items, ok := b["items"].(map[string]interface{}); ok {
				for i, item := range v {
					walkKeys(root, items, item, join(at, fmt.Sprint(i)), unknown)
				}
				return
			}
		}
	}
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

// validate checks doc against the JSON Schema keywords zod's toJSONSchema emits:
// type, properties, required, additionalProperties, items, enum, const,
// min/maxLength, maxItems, minimum/maximum, pattern (when RE2 can compile it),
// anyOf/oneOf/allOf and local $ref.
func validate(root, s map[string]interface{}, doc interface{}, at string) []string {
	s = resolve(root, s)
	var problems []string
	fail := func(format string, args ...interface{}) {
		problems = append(problems, fmt.Sprintf("%s: %s", orRoot(at), fmt.Sprintf(format, args...)))
	}
	if list, ok := s["allOf"].([]interface{}); ok {
		for _, b := range list {
			problems = append(problems, validate(root, b.(map[string]interface{}), doc, at)...)
		}
	}
	for _, key := range []string{"anyOf", "oneOf"} {
		if list, ok := s[key].([]interface{}); ok {
			matched := false
			var first []string
			for i, b := range list {
				p := validate(root, b.(map[string]interface{}), doc, at)
				if len(p) == 0 {
					matched = true
					break
				}
				if i == 0 {
					first = p
				}
			}
			if !matched {
				problems = append(problems, first...)
			}
		}
	}
	if t, ok := s["type"]; ok && !typeMatches(t, doc) {
		fail("expected %v, got %T", t, doc)
		return problems
	}
	if enum, ok := s["enum"].([]interface{}); ok {
		found := false
		for _, e := range enum {
			found = found || e == doc
		}
		if !found {
			fail("%v is not one of %v", doc, enum)
		}
	}
	if c, ok := s["const"]; ok && c != doc {
		fail("%v is not %v", doc, c)
	}
	switch v := doc.(type) {
	case string:
		n := len([]rune(v))
		if max, ok := s["maxLength"].(float64); ok && float64(n) > max {
			fail("%d characters, more than %v", n, max)
		}
		if min, ok := s["minLength"].(float64); ok && float64(n) < min {
			fail("%d characters, fewer than %v", n, min)
		}
		if pattern, ok := s["pattern"].(string); ok {
			if re, err := regexp.Compile(pattern); err == nil && !re.MatchString(v) {
				fail("%q does not match %s", v, pattern)
			}
		}
	case float64:
		if min, ok := s["minimum"].(float64); ok && v < min {
			fail("%v is below %v", v, min)
		}
		if max, ok := s["maximum"].(float64); ok && v > max {
			fail("%v is above %v", v, max)
		}
	case []interface{}:
		if max, ok := s["maxItems"].(float64); ok && float64(len(v)) > max {
			fail("%d items, more than %v", len(v), max)
		}
		if items, ok := s["items"].(map[string]interface{}); ok {
			for i, item := range v {
				problems = append(problems, validate(root, items, item, join(at, fmt.Sprint(i)))...)
			}
		}
	case map[string]interface{}:
		props, _ := s["properties"].(map[string]interface{})
		if req, ok := s["required"].([]interface{}); ok {
			for _, r := range req {
				if _, ok := v[r.(string)]; !ok {
					fail("required property %q is missing", r)
				}
			}
		}
		for k, val := range v {
			if p, ok := props[k].(map[string]interface{}); ok {
				problems = append(problems, validate(root, p, val, join(at, k))...)
				continue
			}
			switch extra := s["additionalProperties"].(type) {
			case bool:
				if !extra {
					problems = append(problems, fmt.Sprintf("%s: not allowed", join(at, k)))
				}
			case map[string]interface{}:
				problems = append(problems, validate(root, extra, val, join(at, k))...)
			}
		}
	}
	return problems
}

func orRoot(at string) string {
	if at == "" {
		return "(root)"
	}
	return at
}

func typeMatches(t interface{}, doc interface{}) bool {
	if list, ok := t.([]interface{}); ok {
		for _, one := range list {
			if typeMatches(one, doc) {
				return true
			}
		}
		return false
	}
	switch t {
	case "object":
		_, ok := doc.(map[string]interface{})
		return ok
	case "array":
		_, ok := doc.([]interface{})
		return ok
	case "string":
		_, ok := doc.(string)
		return ok
	case "number":
		_, ok := doc.(float64)
		return ok
	case "integer":
		f, ok := doc.(float64)
		return ok && f == math.Trunc(f)
	case "boolean":
		_, ok := doc.(bool)
		return ok
	case "null":
		return doc == nil
	}
	return true
}

// Keep the validator honest even before the server's schema exists.
func TestValidatorOnASmallSchema(t *testing.T) {
	var schema map[string]interface{}
	json.Unmarshal([]byte(`{"type":"object","required":["a"],"additionalProperties":false,
		"properties":{"a":{"type":"integer","minimum":0},"b":{"anyOf":[{"type":"string","maxLength":3},{"type":"null"}]},
		"c":{"type":"array","maxItems":1,"items":{"$ref":"#/$defs/item"}}},
		"$defs":{"item":{"type":"object","properties":{"x":{"enum":["y"]}}}}}`), &schema)
	ok := map[string]interface{}{"a": 1.0, "b": nil, "c": []interface{}{map[string]interface{}{"x": "y"}}}
	if p := validate(schema, schema, ok, ""); len(p) != 0 {
		t.Fatalf("valid document rejected: %v", p)
	}
	bad := map[string]interface{}{"a": 1.5, "b": "long", "c": []interface{}{map[string]interface{}{"x": "z"}, 1.0}, "d": 1.0}
	p := strings.Join(validate(schema, schema, bad, ""), "\n")
	for _, want := range []string{"a: expected integer", "b: 4 characters", "c: 2 items", "c.0.x", "d: not allowed"} {
		if !strings.Contains(p, want) {
			t.Errorf("missed %q in:\n%s", want, p)
		}
	}
	var unknown []string
	walkKeys(schema, schema, map[string]interface{}{"a": 1.0, "c": []interface{}{map[string]interface{}{"x": "y", "w": 1.0}}}, "", &unknown)
	if strings.Join(unknown, ",") != "c.0.w" {
		t.Errorf("unknown keys %v", unknown)
	}
}
