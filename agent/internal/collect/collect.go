// Package collect gathers the facts of one check-in. Each collector is
// independent: when one fails, its fields are left out and an errors entry says
// why, and the check-in still goes out.
//
// Everything a collector touches comes through Env (a filesystem root, command
// execution, hostname, interfaces, uname), so the Linux collectors run against
// fixture trees and the macOS and Windows parsers against recorded command
// output on any OS.
package collect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"assetronics.dev/agent/internal/payload"
	"assetronics.dev/agent/internal/version"
)

// Uname is what the kernel reports about itself (Linux only).
type Uname struct {
	Release string // e.g. 6.1.0-13-amd64
	Machine string // e.g. x86_64
}

// Env is the machine the collectors look at.
type Env struct {
	GOOS   string
	GOARCH string
	// Root prefixes every absolute path the collectors read ("" means /).
	Root string
	// Exec runs a command and returns its standard output.
	Exec       func(ctx context.Context, name string, args ...string) ([]byte, error)
	LookPath   func(file string) (string, error)
	Hostname   func() (string, error)
	Interfaces func() ([]payload.NetworkInterface, error)
	Uname      func() (Uname, error)
	Now        func() time.Time
}

// System is the Env of the machine the agent runs on.
func System() Env {
	return Env{
		GOOS:       runtime.GOOS,
		GOARCH:     runtime.GOARCH,
		Exec:       runCommand,
		LookPath:   exec.LookPath,
		Hostname:   os.Hostname,
		Interfaces: SystemInterfaces,
		Uname:      systemUname,
		Now:        time.Now,
	}
}

// commandTimeout bounds every external command; package listings can be slow.
const commandTimeout = 3 * time.Minute

func runCommand(ctx context.Context, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return out, fmt.Errorf("%s timed out after %s", name, commandTimeout)
		}
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return out, fmt.Errorf("%s: %v: %s", name, err, firstLine(msg))
		}
		return out, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// Collect gathers one check-in payload.
func Collect(ctx context.Context, env Env) payload.CheckIn {
	p := payload.CheckIn{
		AgentVersion: version.Version,
		CollectedAt:  env.clock().UTC().Format(time.RFC3339),
		OS:           payload.OS{Family: env.GOOS, Arch: env.GOARCH},
		Network:      []payload.NetworkInterface{},
		Users:        payload.Users{Current: []string{}},
		Errors:       []payload.CollectorError{},
	}
	r := &report{}
	if name, err := env.Hostname(); err != nil {
		r.fail("hostname", "%v", err)
	} else {
		p.Hostname = name
	}
	switch env.GOOS {
	case "linux":
		collectLinux(ctx, env, &p, r)
	case "darwin":
		collectDarwin(ctx, env, &p, r)
	case "windows":
		collectWindows(ctx, env, &p, r)
	default:
		r.fail("os", "no collectors for %s; only hostname and network are reported", env.GOOS)
	}
	if env.Interfaces != nil {
		if ifaces, err := env.Interfaces(); err != nil {
			r.fail("network", "%v", err)
		} else {
			if len(ifaces) > payload.MaxInterfaces {
				r.fail("network", "%d interfaces found; only the first %d are reported", len(ifaces), payload.MaxInterfaces)
				ifaces = ifaces[:payload.MaxInterfaces]
			}
			p.Network = ifaces
		}
	}
	if p.Software != nil {
		p.Software = dedupeSoftware(p.Software)
		if len(p.Software) > payload.MaxSoftware {
			r.fail("software", "%d packages found; only the first %d are reported", len(p.Software), payload.MaxSoftware)
			p.Software = p.Software[:payload.MaxSoftware]
		}
	}
	p.Errors = append(p.Errors, r.errs...)
	limitLists(&p)
	limitStrings(&p)
	return p
}

// limitLists keeps the smaller lists within the server's limit (64 entries).
func limitLists(p *payload.CheckIn) {
	const n = payload.MaxInterfaces
	if len(p.Hardware.Disks) > n {
		p.Hardware.Disks = p.Hardware.Disks[:n]
	}
	for i := range p.Network {
		if len(p.Network[i].IPv4) > n {
			p.Network[i].IPv4 = p.Network[i].IPv4[:n]
		}
		if len(p.Network[i].IPv6) > n {
			p.Network[i].IPv6 = p.Network[i].IPv6[:n]
		}
	}
	if len(p.Users.Current) > n {
		p.Users.Current = p.Users.Current[:n]
	}
	if len(p.Errors) > n {
		p.Errors = p.Errors[:n]
	}
}

type report struct{ errs []payload.CollectorError }

func (r *report) fail(collector, format string, args ...interface{}) {
	r.errs = append(r.errs, payload.CollectorError{Collector: collector, Message: fmt.Sprintf(format, args...)})
}

// path maps an absolute path onto env.Root.
func (env Env) path(p string) string {
	if env.Root == "" {
		return p
	}
	return filepath.Join(env.Root, filepath.FromSlash(p))
}

func (env Env) clock() time.Time {
	if env.Now != nil {
		return env.Now()
	}
	return time.Now()
}

func (env Env) readFile(p string) (string, error) {
	b, err := os.ReadFile(env.path(p))
	return string(b), err
}

func (env Env) has(command string) bool {
	if env.LookPath == nil {
		return false
	}
	_, err := env.LookPath(command)
	return err == nil
}

// describe turns a file error into a short reason a reader can act on.
func describe(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	case errors.Is(err, os.ErrNotExist):
		return "not present"
	default:
		return err.Error()
	}
}

// placeholders are values firmware ships instead of real facts.
var placeholders = map[string]bool{
	"": true, "0": true, "none": true, "n/a": true, "na": true, "default string": true,
	"to be filled by o.e.m.": true, "to be filled by oem": true, "o.e.m.": true, "oem": true,
	"system serial number": true, "system product name": true, "system manufacturer": true,
	"system version": true, "not specified": true, "not applicable": true, "not available": true,
	"unknown": true, "123456789": true, "0123456789": true, "chassis serial number": true,
	"invalid": true, "xxxxxxxxxx": true, "default": true,
}

// clean trims a firmware string and drops placeholders.
func clean(s string) string {
	s = strings.TrimSpace(strings.Trim(s, "\x00"))
	if placeholders[strings.ToLower(s)] {
		return ""
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func atoi64(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n, err == nil
}

// dedupeSoftware keeps one entry per (name, source), the highest version, sorted
// by name, because the server stores software unique per asset, name and source
// (rpm lists every installed kernel; dpkg lists multi-arch packages twice).
func dedupeSoftware(in []payload.Software) []payload.Software {
	type key struct{ name, source string }
	best := make(map[key]int, len(in))
	out := make([]payload.Software, 0, len(in))
	for _, s := range in {
		if s.Name == "" {
			continue
		}
		k := key{strings.ToLower(s.Name), s.Source}
		if i, ok := best[k]; ok {
			if CompareVersions(s.Version, out[i].Version) > 0 {
				out[i] = s
			}
			continue
		}
		best[k] = len(out)
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Name), strings.ToLower(out[j].Name)
		if a != b {
			return a < b
		}
		return out[i].Source < out[j].Source
	})
	return out
}

// CompareVersions orders version strings naturally: digit runs compare as
// numbers, everything else as text ("5.17.1" < "5.100", "1.2" < "1.2.1").
func CompareVersions(a, b string) int {
	for a != "" || b != "" {
		if a == "" {
			return -1
		}
		if b == "" {
			return 1
		}
		ca, ra := versionChunk(a)
		cb, rb := versionChunk(b)
		da, db := isDigit(ca), isDigit(cb)
		switch {
		case da && db:
			na, nb := strings.TrimLeft(ca, "0"), strings.TrimLeft(cb, "0")
			if len(na) != len(nb) {
				return sign(len(na) - len(nb))
			}
			if na != nb {
				return strings.Compare(na, nb)
			}
		case da != db:
			if da {
				return 1
			}
			return -1
		default:
			if ca != cb {
				return strings.Compare(ca, cb)
			}
		}
		a, b = ra, rb
	}
	return 0
}

func versionChunk(s string) (string, string) {
	digits := asciiDigit(s[0])
	i := 1
	for i < len(s) && asciiDigit(s[i]) == digits {
		i++
	}
	return s[:i], s[i:]
}

func asciiDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigit(s string) bool { return s != "" && asciiDigit(s[0]) }

func sign(n int) int {
	if n < 0 {
		return -1
	}
	if n > 0 {
		return 1
	}
	return 0
}

// limitStrings cuts every string to the server's limit, on a rune boundary. Bytes are
// never fewer than the UTF-16 units the server's zod schema counts, so this is enough.
func limitStrings(p *payload.CheckIn) {
	cut := func(s *string) {
		// Command output is not always UTF-8 (reg.exe prints in the console code page).
		*s = strings.ToValidUTF8(*s, "\uFFFD")
		if len(*s) <= payload.MaxStringLen {
			return
		}
		b := (*s)[:payload.MaxStringLen]
		for !utf8.ValidString(b) {
			b = b[:len(b)-1]
		}
		*s = b
	}
	cut(&p.Hostname)
	h := &p.Hardware
	for _, s := range []*string{&h.Serial, &h.Vendor, &h.Model} {
		cut(s)
	}
	if h.CPU != nil {
		cut(&h.CPU.Model)
	}
	for i := range h.Disks {
		cut(&h.Disks[i].Name)
		cut(&h.Disks[i].Model)
	}
	for _, s := range []*string{&p.OS.Name, &p.OS.Version, &p.OS.Kernel} {
		cut(s)
	}
	for i := range p.Network {
		cut(&p.Network[i].Name)
	}
	for i := range p.Users.Current {
		cut(&p.Users.Current[i])
	}
	cut(&p.Users.Last)
	for i := range p.Software {
		s := &p.Software[i]
		cut(&s.Name)
		cut(&s.Version)
		cut(&s.Publisher)
	}
	for i := range p.Errors {
		cut(&p.Errors[i].Message)
	}
}

// DeviceIdentity is what enrollment tells the server about the machine.
type DeviceIdentity struct {
	Hostname string
	Serial   string
	OS       string // e.g. "Debian GNU/Linux 12"
}

// Identity reads the hostname, serial and OS name without the slower
// collectors (software), for enrollment.
func Identity(ctx context.Context, env Env) DeviceIdentity {
	var id DeviceIdentity
	if env.Hostname != nil {
		id.Hostname, _ = env.Hostname()
	}
	var hw payload.Hardware
	o := payload.OS{Family: env.GOOS}
	ignored := &report{}
	switch env.GOOS {
	case "linux":
		readDMI(env, &hw, ignored)
		readLinuxOS(env, &o, ignored)
	case "darwin":
		if out, err := env.Exec(ctx, "system_profiler", "-json", "SPHardwareDataType"); err == nil {
			hw, _ = ParseSystemProfilerHardware(out)
		}
		if out, err := env.Exec(ctx, "sw_vers"); err == nil {
			o.Name, o.Version = ParseSwVers(string(out))
		}
	case "windows":
		var p payload.CheckIn
		if out, err := env.Exec(ctx, "powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
			"-Command", windowsInventoryScript); err == nil {
			if inv, err := ParseWindowsInventory(out); err == nil {
				inv.apply(&p)
			}
		}
		hw, o = p.Hardware, p.OS
	}
	id.Serial = hw.Serial
	id.OS = strings.TrimSpace(o.Name + " " + o.Version)
	if id.OS == "" {
		id.OS = env.GOOS
	}
	return id
}
