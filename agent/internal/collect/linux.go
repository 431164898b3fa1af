package collect

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"assetronics.dev/agent/internal/payload"
)

func collectLinux(ctx context.Context, env Env, p *payload.CheckIn, r *report) {
	readDMI(env, &p.Hardware, r)

	if raw, err := env.readFile("/proc/cpuinfo"); err != nil {
		r.fail("cpu", "/proc/cpuinfo: %s", describe(err))
	} else {
		cpu, hypervisor := ParseCPUInfo(raw)
		if cpu.Model != "" || cpu.Threads > 0 {
			p.Hardware.CPU = &cpu
		}
		// Without DMI (many VMs and containers) the CPU flags still say "virtual".
		if p.Hardware.ChassisType == "" && hypervisor {
			p.Hardware.ChassisType = payload.ChassisVirtual
		}
	}
	if p.Hardware.ChassisType == "" {
		if xen, err := env.readFile("/sys/hypervisor/type"); err == nil && strings.TrimSpace(xen) != "" {
			p.Hardware.ChassisType = payload.ChassisVirtual
		}
	}

	if raw, err := env.readFile("/proc/meminfo"); err != nil {
		r.fail("memory", "/proc/meminfo: %s", describe(err))
	} else if bytes, err := ParseMemInfo(raw); err != nil {
		r.fail("memory", "%v", err)
	} else {
		p.Hardware.MemoryBytes = bytes
	}

	if disks, err := readBlockDevices(env); err != nil {
		r.fail("disks", "%v", err)
	} else {
		p.Hardware.Disks = disks
	}

	readLinuxOS(env, &p.OS, r)

	readLinuxUsers(ctx, env, &p.Users, r)

	if raw, err := env.readFile("/proc/uptime"); err != nil {
		r.fail("uptime", "/proc/uptime: %s", describe(err))
	} else if secs, err := ParseUptime(raw); err != nil {
		r.fail("uptime", "%v", err)
	} else {
		p.UptimeSeconds = &secs
	}

	p.Software = linuxSoftware(ctx, env, r)
}

const dmiDir = "/sys/class/dmi/id"

func readDMI(env Env, hw *payload.Hardware, r *report) {
	if _, err := os.Stat(env.path(dmiDir)); err != nil {
		r.fail("hardware", "%s is %s (no SMBIOS/DMI tables, as on many VMs): serial, vendor and model are unknown",
			dmiDir, describe(err))
		return
	}
	var problems []string
	read := func(name string) string {
		raw, err := env.readFile(path.Join(dmiDir, name))
		if err != nil {
			if errors.Is(err, os.ErrPermission) {
				problems = append(problems, name+": permission denied (run the agent as root to report it)")
			} else if !errors.Is(err, os.ErrNotExist) {
				problems = append(problems, name+": "+describe(err))
			}
			return ""
		}
		return clean(raw)
	}
	hw.Serial = read("product_serial")
	if hw.Serial == "" {
		// Some desktops leave the system serial blank but fill the board or chassis one.
		hw.Serial = read("chassis_serial")
	}
	hw.Vendor = read("sys_vendor")
	hw.Model = read("product_name")
	// Lenovo puts the machine type (20XXS00000) in product_name and the marketing
	// name (ThinkPad T14 Gen 3) in product_version.
	if strings.EqualFold(hw.Vendor, "LENOVO") {
		if v := read("product_version"); v != "" {
			hw.Model = v
		}
	}
	if code, ok := atoi64(read("chassis_type")); ok {
		hw.ChassisType = ChassisFromSMBIOS(int(code))
	}
	if IsVirtualMachine(hw.Vendor, hw.Model) {
		hw.ChassisType = payload.ChassisVirtual
	}
	if len(problems) > 0 {
		r.fail("hardware", "%s", strings.Join(problems, "; "))
	}
}

// ParseCPUInfo reads /proc/cpuinfo: the model, physical cores (distinct
// physical id/core id pairs) and hardware threads (processor entries), and
// whether the CPU reports running under a hypervisor.
func ParseCPUInfo(raw string) (cpu payload.CPU, hypervisor bool) {
	type core struct{ pkg, id string }
	cores := map[core]bool{}
	var pkg, coreID string
	flush := func() {
		if coreID != "" {
			cores[core{pkg, coreID}] = true
		}
		pkg, coreID = "", ""
	}
	var boardModel, hardware string
	sc := bufio.NewScanner(strings.NewReader(raw))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch key {
		case "processor":
			flush()
			cpu.Threads++
		case "model name", "cpu model":
			if cpu.Model == "" {
				cpu.Model = value
			}
		case "Model": // Raspberry Pi
			boardModel = value
		case "Hardware": // older ARM kernels: the SoC
			if hardware == "" {
				hardware = value
			}
		case "physical id":
			pkg = value
		case "core id":
			coreID = value
		case "flags", "Features":
			for _, f := range strings.Fields(value) {
				if f == "hypervisor" {
					hypervisor = true
				}
			}
		}
	}
	flush()
	if cpu.Model == "" {
		cpu.Model = firstNonEmpty(boardModel, hardware)
	}
	cpu.Model = strings.Join(strings.Fields(cpu.Model), " ")
	cpu.Cores = len(cores)
	if cpu.Cores == 0 || cpu.Cores > cpu.Threads {
		cpu.Cores = cpu.Threads
	}
	return cpu, hypervisor
}

// ParseMemInfo returns MemTotal from /proc/meminfo in bytes.
func ParseMemInfo(raw string) (int64, error) {
	for _, line := range strings.Split(raw, "\n") {
		if !strings.HasPrefix(line, "MemTotal:") {
			continue
		}
		fields := strings.Fields(strings.TrimPrefix(line, "MemTotal:"))
		if len(fields) == 0 {
			break
		}
		kb, ok := atoi64(fields[0])
		if !ok {
			break
		}
		return kb * 1024, nil
	}
	return 0, errors.New("/proc/meminfo has no MemTotal line")
}

// ParseUptime returns the whole seconds in /proc/uptime.
func ParseUptime(raw string) (int64, error) {
	fields := strings.Fields(raw)
	if len(fields) == 0 {
		return 0, errors.New("/proc/uptime is empty")
	}
	secs, err := strconv.ParseFloat(fields[0], 64)
	if err != nil || secs < 0 {
		return 0, fmt.Errorf("/proc/uptime: cannot read %q", fields[0])
	}
	return int64(secs), nil
}

// virtualBlockPrefixes are block devices that are not disks of their own.
var virtualBlockPrefixes = []string{"loop", "ram", "zram", "dm-", "md", "sr", "fd", "nbd", "zd", "drbd", "rbd"}

func readBlockDevices(env Env) ([]payload.Disk, error) {
	entries, err := os.ReadDir(env.path("/sys/block"))
	if err != nil {
		return nil, fmt.Errorf("/sys/block: %s", describe(err))
	}
	disks := []payload.Disk{}
	for _, e := range entries {
		name := e.Name()
		if hasAnyPrefix(name, virtualBlockPrefixes) {
			continue
		}
		dir := path.Join("/sys/block", name)
		// Removable media (USB sticks, card readers) would turn every plug-in
		// into a hardware change.
		if v, err := env.readFile(dir + "/removable"); err == nil && strings.TrimSpace(v) == "1" {
			continue
		}
		raw, err := env.readFile(dir + "/size")
		if err != nil {
			continue
		}
		sectors, ok := atoi64(raw)
		if !ok || sectors <= 0 {
			continue
		}
		d := payload.Disk{Name: name, SizeBytes: sectors * 512} // size is always in 512-byte units
		if v, err := env.readFile(dir + "/queue/rotational"); err == nil {
			rot := strings.TrimSpace(v) == "1"
			d.Rotational = &rot
		}
		if m, err := env.readFile(dir + "/device/model"); err == nil {
			d.Model = clean(m)
		}
		if d.Model == "" {
			if v, err := env.readFile(dir + "/device/vendor"); err == nil && strings.TrimSpace(v) == "0x1af4" {
				d.Model = "Virtio block device"
			}
		}
		disks = append(disks, d)
	}
	sort.Slice(disks, func(i, j int) bool { return disks[i].Name < disks[j].Name })
	return disks, nil
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// ParseOSRelease reads os-release(5) KEY=value lines, unquoting values.
func ParseOSRelease(raw string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		if n := len(value); n >= 2 && (value[0] == '"' || value[0] == '\'') && value[n-1] == value[0] {
			value = value[1 : n-1]
			if line[len(key)+1] == '"' {
				value = strings.NewReplacer(`\"`, `"`, `\\`, `\`, "\\`", "`", `\$`, `$`).Replace(value)
			}
		}
		out[key] = value
	}
	return out
}

func readLinuxOS(env Env, os_ *payload.OS, r *report) {
	raw, err := env.readFile("/etc/os-release")
	if err != nil {
		raw, err = env.readFile("/usr/lib/os-release")
	}
	if err != nil {
		r.fail("os", "/etc/os-release: %s", describe(err))
	} else {
		rel := ParseOSRelease(raw)
		os_.Name = rel["NAME"]
		os_.Version = firstNonEmpty(rel["VERSION_ID"], rel["VERSION"], rel["BUILD_ID"])
	}
	if env.Uname == nil {
		return
	}
	u, err := env.Uname()
	if err != nil {
		r.fail("os", "uname: %v", err)
		return
	}
	os_.Kernel = u.Release
	if arch := GoArch(u.Machine); arch != "" {
		os_.Arch = arch
	}
}

// GoArch maps a uname machine to Go's architecture names.
func GoArch(machine string) string {
	switch machine {
	case "x86_64", "amd64":
		return "amd64"
	case "aarch64", "arm64", "aarch64_be":
		return "arm64"
	case "i386", "i486", "i586", "i686":
		return "386"
	case "armv6l", "armv7l", "armv8l":
		return "arm"
	case "riscv64", "ppc64le", "s390x", "loong64", "mips64":
		return machine
	}
	return ""
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func readLinuxUsers(ctx context.Context, env Env, u *payload.Users, r *report) {
	current, haveCurrent := []string(nil), false
	for _, file := range []string{"/run/utmp", "/var/run/utmp"} {
		raw, err := os.ReadFile(env.path(file))
		if err == nil {
			current, haveCurrent = LoggedIn(ParseUtmp(raw)), true
			break
		}
	}
	if !haveCurrent {
		if env.has("who") {
			out, err := env.Exec(ctx, "who")
			if err != nil {
				r.fail("users", "who: %v", err)
			} else {
				current = ParseWho(string(out))
			}
		} else {
			r.fail("users", "no utmp file and no `who` command: logged-in users are unknown")
		}
	}
	if current != nil {
		u.Current = current
	}

	if raw, err := os.ReadFile(env.path("/var/log/wtmp")); err == nil && len(raw) > 0 {
		u.Last = LastLogin(ParseUtmp(raw))
	} else if env.has("last") {
		// Newer distributions keep logins in wtmpdb; its `last` reads them.
		if out, err := env.Exec(ctx, "last", "-n", "5", "-w"); err == nil {
			u.Last = ParseLast(string(out))
		}
	}
	if u.Last == "" && len(u.Current) > 0 {
		u.Last = u.Current[0]
	}
}

// ParseWho reads `who` output: the user is the first field.
func ParseWho(out string) []string {
	seen := map[string]bool{}
	users := []string{}
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || seen[fields[0]] {
			continue
		}
		seen[fields[0]] = true
		users = append(users, fields[0])
	}
	sort.Strings(users)
	return users
}

// ParseLast returns the most recent user in `last` output, skipping reboot and
// shutdown pseudo-entries and the trailing "wtmp begins" line.
func ParseLast(out string) string {
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		switch fields[0] {
		case "reboot", "shutdown", "wtmp", "wtmpdb", "btmp", "runlevel":
			continue
		}
		return fields[0]
	}
	return ""
}

const (
	dpkgFormat = `${db:Status-Abbrev}\t${Package}\t${Version}\t${Maintainer}\n`
	rpmFormat  = `%{NAME}\t%{EPOCH}:%{VERSION}-%{RELEASE}\t%{VENDOR}\n`
)

func linuxSoftware(ctx context.Context, env Env, r *report) []payload.Software {
	switch {
	case env.has("dpkg-query"):
		out, err := env.Exec(ctx, "dpkg-query", "-W", "-f", dpkgFormat)
		if err != nil {
			r.fail("software", "dpkg-query: %v", err)
			return nil
		}
		return ParseDpkg(string(out))
	case env.has("rpm"):
		out, err := env.Exec(ctx, "rpm", "-qa", "--qf", rpmFormat)
		if err != nil {
			r.fail("software", "rpm: %v", err)
			return nil
		}
		return ParseRPM(string(out))
	default:
		r.fail("software", "no package manager found (looked for dpkg-query and rpm)")
		return nil
	}
}

// ParseDpkg reads `dpkg-query -W -f` output in dpkgFormat, keeping installed
// packages only (dpkg also lists removed packages whose config files remain).
func ParseDpkg(out string) []payload.Software {
	list := []payload.Software{}
	for _, line := range strings.Split(out, "\n") {
		parts := strings.SplitN(line, "\t", 4)
		if len(parts) < 3 {
			continue
		}
		status := parts[0]
		if len(status) < 2 || status[1] != 'i' {
			continue
		}
		s := payload.Software{Name: strings.TrimSpace(parts[1]), Version: strings.TrimSpace(parts[2]), Source: payload.SourceDpkg}
		if len(parts) == 4 {
			s.Publisher = stripEmail(parts[3])
		}
		list = append(list, s)
	}
	return list
}

// ParseRPM reads `rpm -qa --qf` output in rpmFormat.
func ParseRPM(out string) []payload.Software {
	list := []payload.Software{}
	for _, line := range strings.Split(out, "\n") {
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) < 2 || parts[0] == "gpg-pubkey" {
			continue
		}
		version := parts[1]
		if epoch, rest, ok := strings.Cut(version, ":"); ok && (epoch == "(none)" || epoch == "0") {
			version = rest
		}
		s := payload.Software{Name: strings.TrimSpace(parts[0]), Version: version, Source: payload.SourceRPM}
		if len(parts) == 3 && parts[2] != "(none)" {
			s.Publisher = strings.TrimSpace(parts[2])
		}
		list = append(list, s)
	}
	return list
}

// stripEmail turns "Debian Foo Team <team@example.org>" into "Debian Foo Team".
func stripEmail(s string) string {
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
