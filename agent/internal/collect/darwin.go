package collect

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"assetronics.dev/agent/internal/payload"
)

// macOS: system_profiler (hardware, storage, applications), sw_vers, uname,
// sysctl, who/last, pkgutil receipts and the Homebrew Cellar.

func collectDarwin(ctx context.Context, env Env, p *payload.CheckIn, r *report) {
	if out, err := env.Exec(ctx, "system_profiler", "-json", "SPHardwareDataType", "SPNVMeDataType", "SPSerialATADataType"); err != nil {
		r.fail("hardware", "system_profiler: %v", err)
	} else if hw, err := ParseSystemProfilerHardware(out); err != nil {
		r.fail("hardware", "%v", err)
	} else {
		p.Hardware = hw
	}
	if out, err := env.Exec(ctx, "sysctl", "-n", "hw.physicalcpu", "hw.logicalcpu"); err == nil && p.Hardware.CPU != nil {
		// system_profiler gives the core count; sysctl also knows the threads.
		if fields := strings.Fields(string(out)); len(fields) == 2 {
			if cores, err := strconv.Atoi(fields[0]); err == nil && cores > 0 {
				p.Hardware.CPU.Cores = cores
			}
			if threads, err := strconv.Atoi(fields[1]); err == nil && threads > 0 {
				p.Hardware.CPU.Threads = threads
			}
		}
	}

	if out, err := env.Exec(ctx, "sw_vers"); err != nil {
		r.fail("os", "sw_vers: %v", err)
	} else {
		p.OS.Name, p.OS.Version = ParseSwVers(string(out))
	}
	if out, err := env.Exec(ctx, "uname", "-r", "-m"); err == nil {
		if fields := strings.Fields(string(out)); len(fields) == 2 {
			p.OS.Kernel = "Darwin " + fields[0]
			if arch := GoArch(fields[1]); arch != "" {
				p.OS.Arch = arch
			}
		}
	}

	if out, err := env.Exec(ctx, "sysctl", "-n", "kern.boottime"); err != nil {
		r.fail("uptime", "sysctl kern.boottime: %v", err)
	} else if boot, err := ParseBootTime(string(out)); err != nil {
		r.fail("uptime", "%v", err)
	} else if up := env.clock().Unix() - boot; up >= 0 {
		p.UptimeSeconds = &up
	}

	if out, err := env.Exec(ctx, "who"); err != nil {
		r.fail("users", "who: %v", err)
	} else {
		p.Users.Current = ParseWho(string(out))
	}
	if out, err := env.Exec(ctx, "last", "-5"); err == nil {
		p.Users.Last = ParseLast(string(out))
	}
	if p.Users.Last == "" && len(p.Users.Current) > 0 {
		p.Users.Last = p.Users.Current[0]
	}

	p.Software = darwinSoftware(ctx, env, r)
}

type spHardware struct {
	Hardware []struct {
		ChipType        string      `json:"chip_type"`
		CPUType         string      `json:"cpu_type"`
		MachineModel    string      `json:"machine_model"`
		MachineName     string      `json:"machine_name"`
		ModelNumber     string      `json:"model_number"`
		NumberProcessor interface{} `json:"number_processors"`
		PhysicalMemory  string      `json:"physical_memory"`
		SerialNumber    string      `json:"serial_number"`
	} `json:"SPHardwareDataType"`
	NVMe []spController `json:"SPNVMeDataType"`
	SATA []spController `json:"SPSerialATADataType"`
}

type spController struct {
	Items []struct {
		Name        string `json:"_name"`
		BSDName     string `json:"bsd_name"`
		DeviceModel string `json:"device_model"`
		SizeInBytes int64  `json:"size_in_bytes"`
		MediumType  string `json:"spsata_medium_type"`
		Removable   string `json:"removable_media"`
	} `json:"_items"`
}

// ParseSystemProfilerHardware reads `system_profiler -json SPHardwareDataType
// SPNVMeDataType SPSerialATADataType`.
func ParseSystemProfilerHardware(raw []byte) (payload.Hardware, error) {
	var sp spHardware
	if err := json.Unmarshal(raw, &sp); err != nil {
		return payload.Hardware{}, fmt.Errorf("system_profiler output is not JSON: %v", err)
	}
	if len(sp.Hardware) == 0 {
		return payload.Hardware{}, fmt.Errorf("system_profiler reported no hardware overview")
	}
	h := sp.Hardware[0]
	hw := payload.Hardware{Vendor: "Apple", Serial: clean(h.SerialNumber)}
	hw.Model = h.MachineName
	if h.MachineModel != "" {
		hw.Model = strings.TrimSpace(h.MachineName + " (" + h.MachineModel + ")")
	}
	hw.ChassisType = MacChassis(h.MachineName, h.MachineModel)
	cpu := payload.CPU{Model: firstNonEmpty(h.ChipType, h.CPUType)}
	switch n := h.NumberProcessor.(type) {
	case float64: // Intel: a plain core count
		cpu.Cores = int(n)
	case string: // Apple silicon: "proc 10:8:2" (total:performance:efficiency)
		if f := strings.Fields(n); len(f) == 2 {
			total, _, _ := strings.Cut(f[1], ":")
			cpu.Cores, _ = strconv.Atoi(total)
		}
	}
	cpu.Threads = cpu.Cores
	if cpu.Model != "" || cpu.Cores > 0 {
		hw.CPU = &cpu
	}
	hw.MemoryBytes = ParseSize(h.PhysicalMemory)
	for _, group := range [][]spController{sp.NVMe, sp.SATA} {
		for _, c := range group {
			for _, it := range c.Items {
				if it.SizeInBytes <= 0 || it.Removable == "yes" {
					continue
				}
				d := payload.Disk{Name: firstNonEmpty(it.BSDName, it.Name), SizeBytes: it.SizeInBytes, Model: firstNonEmpty(it.DeviceModel, it.Name)}
				rot := it.MediumType == "Rotational"
				d.Rotational = &rot
				hw.Disks = append(hw.Disks, d)
			}
		}
	}
	return hw, nil
}

// MacChassis guesses the chassis from the marketing name or model identifier.
func MacChassis(name, identifier string) string {
	s := strings.ToLower(name + " " + identifier)
	switch {
	case strings.Contains(s, "virtualmac") || strings.Contains(s, "vmware") || strings.Contains(s, "parallels"):
		return payload.ChassisVirtual
	case strings.Contains(s, "macbook"):
		return payload.ChassisLaptop
	case strings.Contains(s, "xserve"):
		return payload.ChassisServer
	case strings.Contains(s, "imac") || strings.Contains(s, "mac mini") || strings.Contains(s, "macmini") ||
		strings.Contains(s, "mac pro") || strings.Contains(s, "macpro") || strings.Contains(s, "mac studio") ||
		strings.Contains(s, "mac13") || strings.Contains(s, "mac14") || strings.Contains(s, "mac15"):
		return payload.ChassisDesktop
	}
	return payload.ChassisOther
}

var sizePattern = regexp.MustCompile(`^([\d.]+)\s*([KMGT]B)$`)

// ParseSize reads "16 GB" (binary units, as system_profiler means them).
func ParseSize(s string) int64 {
	m := sizePattern.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0
	}
	shift := map[string]uint{"KB": 10, "MB": 20, "GB": 30, "TB": 40}[m[2]]
	return int64(n * float64(int64(1)<<shift))
}

// ParseSwVers reads `sw_vers`: ProductName and ProductVersion.
func ParseSwVers(out string) (name, version string) {
	for _, line := range strings.Split(out, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(key) {
		case "ProductName":
			name = strings.TrimSpace(value)
		case "ProductVersion":
			version = strings.TrimSpace(value)
		}
	}
	return name, version
}

var bootTimePattern = regexp.MustCompile(`sec\s*=\s*(\d+)`)

// ParseBootTime reads `sysctl -n kern.boottime`: "{ sec = 1701234567, usec = 0 } ...".
func ParseBootTime(out string) (int64, error) {
	m := bootTimePattern.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("kern.boottime: cannot read %q", strings.TrimSpace(out))
	}
	return strconv.ParseInt(m[1], 10, 64)
}

func darwinSoftware(ctx context.Context, env Env, r *report) []payload.Software {
	var list []payload.Software
	ok := false
	if out, err := env.Exec(ctx, "system_profiler", "-json", "-detailLevel", "mini", "SPApplicationsDataType"); err != nil {
		r.fail("software", "system_profiler applications: %v", err)
	} else if apps, err := ParseSystemProfilerApps(out); err != nil {
		r.fail("software", "%v", err)
	} else {
		list, ok = append(list, apps...), true
	}
	if out, err := env.Exec(ctx, "pkgutil", "--pkgs"); err == nil {
		ok = true
		for _, id := range ParsePkgutilPkgs(string(out)) {
			info, err := env.Exec(ctx, "pkgutil", "--pkg-info", id)
			if err != nil {
				continue
			}
			list = append(list, payload.Software{Name: id, Version: ParsePkgInfoVersion(string(info)), Source: payload.SourcePkgutil})
		}
	}
	for _, cellar := range []string{"/opt/homebrew", "/usr/local"} {
		if brew := readBrew(env, cellar); brew != nil {
			list, ok = append(list, brew...), true
		}
	}
	if !ok {
		return nil
	}
	if list == nil {
		list = []payload.Software{}
	}
	return list
}

type spApps struct {
	Apps []struct {
		Name     string   `json:"_name"`
		Version  string   `json:"version"`
		Path     string   `json:"path"`
		SignedBy []string `json:"signed_by"`
	} `json:"SPApplicationsDataType"`
}

// ParseSystemProfilerApps reads `system_profiler -json SPApplicationsDataType`,
// keeping installed applications (not macOS's own or apps nested in other apps).
func ParseSystemProfilerApps(raw []byte) ([]payload.Software, error) {
	var sp spApps
	if err := json.Unmarshal(raw, &sp); err != nil {
		return nil, fmt.Errorf("system_profiler applications output is not JSON: %v", err)
	}
	list := []payload.Software{}
	for _, a := range sp.Apps {
		if a.Name == "" || strings.HasPrefix(a.Path, "/System/") || strings.HasPrefix(a.Path, "/Library/Apple/") ||
			strings.HasPrefix(a.Path, "/usr/") || strings.Contains(a.Path, ".app/") {
			continue
		}
		s := payload.Software{Name: a.Name, Version: a.Version, Source: payload.SourceOther}
		if len(a.SignedBy) > 0 {
			s.Publisher = signer(a.SignedBy[0])
		}
		list = append(list, s)
	}
	return list, nil
}

var teamSuffix = regexp.MustCompile(`\s*\([A-Z0-9]{10}\)$`)

// signer turns "Developer ID Application: Zoom Video Communications, Inc. (BJ4HAAB9B3)"
// into "Zoom Video Communications, Inc."; Apple's own signature into "Apple".
func signer(s string) string {
	switch {
	case s == "Software Signing":
		return "Apple"
	case strings.HasPrefix(s, "Apple Mac OS Application Signing"):
		return "" // re-signed by the App Store: the real publisher is not in the signature
	case strings.Contains(s, ": "):
		_, s, _ = strings.Cut(s, ": ")
	}
	return teamSuffix.ReplaceAllString(s, "")
}

// ParsePkgutilPkgs reads `pkgutil --pkgs`, leaving out Apple's own receipts.
func ParsePkgutilPkgs(out string) []string {
	ids := []string{}
	for _, line := range strings.Split(out, "\n") {
		id := strings.TrimSpace(line)
		if id == "" || strings.HasPrefix(id, "com.apple.") {
			continue
		}
		ids = append(ids, id)
		if len(ids) == 2000 {
			break
		}
	}
	return ids
}

// ParsePkgInfoVersion reads the version line of `pkgutil --pkg-info ID`.
func ParsePkgInfoVersion(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "version:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "version:"))
		}
	}
	return ""
}

// readBrew lists Homebrew formulae and casks from the Cellar and Caskroom
// folders (brew itself refuses to run as root, which the service is).
func readBrew(env Env, prefix string) []payload.Software {
	var list []payload.Software
	for _, kind := range []string{"Cellar", "Caskroom"} {
		dir := env.path(prefix + "/" + kind)
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		if list == nil {
			list = []payload.Software{}
		}
		for _, e := range entries {
			if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			versions, _ := os.ReadDir(filepath.Join(dir, e.Name()))
			best := ""
			for _, v := range versions {
				if v.IsDir() && !strings.HasPrefix(v.Name(), ".") && CompareVersions(v.Name(), best) > 0 {
					best = v.Name()
				}
			}
			list = append(list, payload.Software{Name: e.Name(), Version: best, Publisher: "Homebrew", Source: payload.SourceBrew})
		}
	}
	return list
}
