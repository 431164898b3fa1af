package collect

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"assetronics.dev/agent/internal/payload"
)

func darwinEnv(t *testing.T, root string, exec fakeExec) Env {
	return Env{
		GOOS: "darwin", GOARCH: "arm64", Root: root,
		Exec: exec.run, LookPath: exec.lookPath,
		Hostname:   func() (string, error) { return "alices-mbp", nil },
		Interfaces: func() ([]payload.NetworkInterface, error) { return []payload.NetworkInterface{}, nil },
		Now:        func() time.Time { return fixedNow },
	}
}

func TestDarwinFromRecordedOutput(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{
		"opt/homebrew/Cellar/git/2.42.0", "opt/homebrew/Cellar/git/2.43.0", "opt/homebrew/Cellar/jq/1.7.1",
		"opt/homebrew/Caskroom/firefox/121.0",
	} {
		writeFile(t, root, dir+"/.keep", nil)
	}
	exec := fakeExec{
		"system_profiler -json SPHardwareDataType SPNVMeDataType SPSerialATADataType": fixture(t, "darwin/system_profiler-hardware-apple-silicon.json.out"),
		"sysctl -n hw.physicalcpu hw.logicalcpu":                                      "10\n10\n",
		"sw_vers":                                                                     fixture(t, "darwin/sw_vers.txt"),
		"uname -r -m":                                                                 "23.2.0 arm64\n",
		"sysctl -n kern.boottime":                                                     fixture(t, "darwin/sysctl-boottime.txt"),
		"who":                                                                         fixture(t, "darwin/who.txt"),
		"last -5":                                                                     fixture(t, "darwin/last.txt"),
		"system_profiler -json -detailLevel mini SPApplicationsDataType": fixture(t, "darwin/system_profiler-apps.json.out"),
		"pkgutil --pkgs": fixture(t, "darwin/pkgutil-pkgs.txt"),
		"pkgutil --pkg-info com.microsoft.teams2":     fixture(t, "darwin/pkg-info-teams.txt"),
		"pkgutil --pkg-info us.zoom.pkg.videomeeting": fixture(t, "darwin/pkg-info-zoom.txt"),
	}
	p := Collect(context.Background(), darwinEnv(t, root, exec))
	if len(p.Errors) != 0 {
		t.Fatalf("errors %+v", p.Errors)
	}
	wantHW := payload.Hardware{
		Serial: "C02FX1ABQ6L4", Vendor: "Apple", Model: "MacBook Pro (MacBookPro18,3)", ChassisType: "laptop",
		CPU:         &payload.CPU{Model: "Apple M1 Pro", Cores: 10, Threads: 10},
		MemoryBytes: 16 << 30,
		Disks:       []payload.Disk{{Name: "disk0", SizeBytes: 500277792768, Model: "APPLE SSD AP0512R", Rotational: boolPtr(false)}},
	}
	if !reflect.DeepEqual(p.Hardware, wantHW) {
		t.Errorf("hardware\n got %s\nwant %s", jsonOf(p.Hardware), jsonOf(wantHW))
	}
	if p.OS != (payload.OS{Family: "darwin", Name: "macOS", Version: "14.2.1", Kernel: "Darwin 23.2.0", Arch: "arm64"}) {
		t.Errorf("os %+v", p.OS)
	}
	if p.UptimeSeconds == nil || *p.UptimeSeconds != 7200 {
		t.Errorf("uptime %v", p.UptimeSeconds)
	}
	if !reflect.DeepEqual(p.Users, payload.Users{Current: []string{"alice"}, Last: "alice"}) {
		t.Errorf("users %+v", p.Users)
	}
	wantSoftware := []payload.Software{
		{Name: "com.microsoft.teams2", Version: "24295.606.3238.6194", Source: "pkgutil"},
		{Name: "firefox", Version: "121.0", Publisher: "Homebrew", Source: "brew"},
		{Name: "git", Version: "2.43.0", Publisher: "Homebrew", Source: "brew"},
		{Name: "jq", Version: "1.7.1", Publisher: "Homebrew", Source: "brew"},
		{Name: "Safari", Version: "17.2.1", Publisher: "Apple", Source: "other"},
		{Name: "Slack", Version: "4.35.131", Source: "other"},
		{Name: "us.zoom.pkg.videomeeting", Version: "5.17.1.28914", Source: "pkgutil"},
		{Name: "zoom.us", Version: "5.17.1 (28914)", Publisher: "Zoom Video Communications, Inc.", Source: "other"},
	}
	if !reflect.DeepEqual(p.Software, wantSoftware) {
		t.Errorf("software\n got %s\nwant %s", jsonOf(p.Software), jsonOf(wantSoftware))
	}
}

func TestDarwinIntelHardware(t *testing.T) {
	hw, err := ParseSystemProfilerHardware([]byte(fixture(t, "darwin/system_profiler-hardware-intel.json.out")))
	if err != nil {
		t.Fatal(err)
	}
	want := payload.Hardware{
		Vendor: "Apple", Model: "iMac (iMac20,1)", ChassisType: "desktop",
		CPU:         &payload.CPU{Model: "Quad-Core Intel Core i5", Cores: 4, Threads: 4},
		MemoryBytes: 8 << 30,
		Disks:       []payload.Disk{{Name: "disk1", SizeBytes: 1000204886016, Model: "APPLE HDD ST1000DM003", Rotational: boolPtr(true)}},
	}
	if !reflect.DeepEqual(hw, want) {
		t.Errorf("hardware\n got %s\nwant %s", jsonOf(hw), jsonOf(want))
	}
	if _, err := ParseSystemProfilerHardware([]byte("system_profiler: command not found")); err == nil {
		t.Error("garbage accepted")
	}
}

func TestDarwinWithoutSystemProfiler(t *testing.T) {
	p := Collect(context.Background(), darwinEnv(t, t.TempDir(), fakeExec{}))
	collectors := map[string]bool{}
	for _, e := range p.Errors {
		collectors[e.Collector] = true
	}
	for _, c := range []string{"hardware", "os", "uptime", "users", "software"} {
		if !collectors[c] {
			t.Errorf("no %s error: %+v", c, p.Errors)
		}
	}
	if p.Software != nil || p.Hardware.CPU != nil {
		t.Errorf("facts reported without their tools: %s", jsonOf(p))
	}
}

func TestMacChassis(t *testing.T) {
	cases := map[[2]string]string{
		{"MacBook Air", "Mac14,2"}: "laptop", {"Mac mini", "Macmini9,1"}: "desktop", {"Mac Studio", "Mac13,1"}: "desktop",
		{"iMac", "iMac21,1"}: "desktop", {"Apple Virtual Machine 1", "VirtualMac2,1"}: "virtual", {"", ""}: "other",
	}
	for in, want := range cases {
		if got := MacChassis(in[0], in[1]); got != want {
			t.Errorf("MacChassis(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func windowsEnv(exec fakeExec) Env {
	return Env{
		GOOS: "windows", GOARCH: "amd64",
		Exec: exec.run, LookPath: exec.lookPath,
		Hostname:   func() (string, error) { return "LT-0042", nil },
		Interfaces: func() ([]payload.NetworkInterface, error) { return []payload.NetworkInterface{}, nil },
		Now:        func() time.Time { return fixedNow },
	}
}

const powershellKey = "powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command " + windowsInventoryScript

func TestWindowsFromRecordedOutput(t *testing.T) {
	exec := fakeExec{
		powershellKey: "\ufeff" + fixture(t, "windows/inventory.json.out") + "\r\n",
		"reg.exe query " + uninstallKeys[0] + " /s": fixture(t, "windows/reg-uninstall.txt"),
		"reg.exe query " + uninstallKeys[1] + " /s": fixture(t, "windows/reg-uninstall-wow6432.txt"),
	}
	p := Collect(context.Background(), windowsEnv(exec))
	if len(p.Errors) != 0 {
		t.Fatalf("errors %+v", p.Errors)
	}
	wantHW := payload.Hardware{
		Serial: "7XK2QZ3", Vendor: "Dell Inc.", Model: "Latitude 7440", ChassisType: "laptop",
		CPU:         &payload.CPU{Model: "13th Gen Intel(R) Core(TM) i7-1365U", Cores: 10, Threads: 12},
		MemoryBytes: 34061713408,
		Disks: []payload.Disk{
			{Name: "PhysicalDrive0", SizeBytes: 512110190592, Model: "KBG5AZNV512G KIOXIA", Rotational: boolPtr(false)},
			{Name: "PhysicalDrive1", SizeBytes: 1000204886016, Model: "WDC WD10EZEX-08WN4A0", Rotational: boolPtr(true)},
		},
	}
	if !reflect.DeepEqual(p.Hardware, wantHW) {
		t.Errorf("hardware\n got %s\nwant %s", jsonOf(p.Hardware), jsonOf(wantHW))
	}
	if p.OS != (payload.OS{Family: "windows", Name: "Microsoft Windows 11 Enterprise", Version: "23H2", Kernel: "10.0.22631.2861", Arch: "amd64"}) {
		t.Errorf("os %+v", p.OS)
	}
	if !reflect.DeepEqual(p.Users, payload.Users{Current: []string{"alice"}, Last: "alice"}) {
		t.Errorf("users %+v", p.Users)
	}
	if p.UptimeSeconds == nil || *p.UptimeSeconds != 86400 {
		t.Errorf("uptime %v", p.UptimeSeconds)
	}
	wantSoftware := []payload.Software{
		{Name: "7-Zip 23.01 (x64)", Version: "23.01", Publisher: "Igor Pavlov", Source: "registry"},
		{Name: "Adobe Acrobat Reader DC", Version: "23.006.20380", Publisher: "Adobe Systems Incorporated", Source: "msi"},
		{Name: "Git", Version: "2.43.0", Publisher: "The Git Development Community", Source: "registry"},
		{Name: "Zoom Workplace (64-bit)", Version: "5.17.11.34827", Publisher: "Zoom Video Communications, Inc.", Source: "msi"},
	}
	if !reflect.DeepEqual(p.Software, wantSoftware) {
		t.Errorf("software\n got %s\nwant %s", jsonOf(p.Software), jsonOf(wantSoftware))
	}
}

func TestWindowsServerVM(t *testing.T) {
	inv, err := ParseWindowsInventory([]byte(fixture(t, "windows/inventory-server.json.out")))
	if err != nil {
		t.Fatal(err)
	}
	p := payload.CheckIn{Users: payload.Users{Current: []string{}}}
	inv.apply(&p)
	if p.Hardware.ChassisType != "virtual" || p.Hardware.MemoryBytes != 8589398016 ||
		*p.Hardware.CPU != (payload.CPU{Model: "Intel(R) Xeon(R) Platinum 8272CL CPU @ 2.60GHz", Cores: 4, Threads: 8}) {
		t.Errorf("hardware %s", jsonOf(p.Hardware))
	}
	if p.OS.Kernel != "10.0.20348" || p.UptimeSeconds != nil || len(p.Users.Current) != 0 || p.Users.Last != "Administrator" {
		t.Errorf("os %+v uptime %v users %+v", p.OS, p.UptimeSeconds, p.Users)
	}
}

func TestWindowsWithoutPowerShellOrRegistry(t *testing.T) {
	exec := fakeExec{powershellKey: errors.New("powershell.exe: exit status 1: Get-CimInstance : Access denied")}
	p := Collect(context.Background(), windowsEnv(exec))
	var messages []string
	for _, e := range p.Errors {
		messages = append(messages, e.Collector+": "+e.Message)
	}
	joined := strings.Join(messages, "\n")
	if !strings.Contains(joined, "hardware: powershell inventory") || !strings.Contains(joined, "Access denied") ||
		!strings.Contains(joined, "software: reg query") {
		t.Fatalf("errors %s", joined)
	}
	if p.Software != nil {
		t.Error("software reported without the registry")
	}
}

func TestWindowsUser(t *testing.T) {
	for in, want := range map[string]string{`ACME\alice`: "alice", `.\bob`: "bob", "carol": "carol", "": ""} {
		if got := WindowsUser(in); got != want {
			t.Errorf("WindowsUser(%q) = %q", in, got)
		}
	}
}
