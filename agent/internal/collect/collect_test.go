package collect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"assetronics.dev/agent/internal/payload"
)

var fixedNow = time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)

// fakeExec answers commands from recorded output; the key is the command line.
type fakeExec map[string]interface{} // string output, []byte output, or error

func (f fakeExec) run(_ context.Context, name string, args ...string) ([]byte, error) {
	key := strings.Join(append([]string{name}, args...), " ")
	v, ok := f[key]
	if !ok {
		return nil, fmt.Errorf("%s: executable file not found in $PATH", name)
	}
	switch out := v.(type) {
	case error:
		return nil, out
	case []byte:
		return out, nil
	default:
		return []byte(out.(string)), nil
	}
}

func (f fakeExec) lookPath(file string) (string, error) {
	for key := range f {
		if strings.SplitN(key, " ", 2)[0] == file {
			return "/usr/bin/" + file, nil
		}
	}
	return "", errors.New("not found")
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// copyTree copies a fixture root so a test can add files (utmp) to it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func writeFile(t *testing.T, root, rel string, content []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, content, 0o644); err != nil {
		t.Fatal(err)
	}
}

func encodeUtmp(r UtmpRecord) []byte {
	rec := make([]byte, utmpSize)
	rec[0], rec[1] = byte(r.Type), byte(r.Type>>8)
	copy(rec[utmpLineStart:utmpLineStart+utmpLineLen], r.Line)
	copy(rec[utmpUserStart:utmpUserStart+utmpUserLen], r.User)
	t := uint32(int32(r.Time))
	rec[utmpTimeOffset], rec[utmpTimeOffset+1], rec[utmpTimeOffset+2], rec[utmpTimeOffset+3] =
		byte(t), byte(t>>8), byte(t>>16), byte(t>>24)
	return rec
}

func utmpFile(records ...UtmpRecord) []byte {
	var b []byte
	for _, r := range records {
		b = append(b, encodeUtmp(r)...)
	}
	return b
}

var eth0 = payload.NetworkInterface{Name: "eth0", MAC: "aa:bb:cc:dd:ee:ff", IPv4: []string{"10.0.0.5"}, IPv6: []string{}}

func linuxEnv(root string, exec fakeExec) Env {
	return Env{
		GOOS: "linux", GOARCH: "amd64", Root: root,
		Exec: exec.run, LookPath: exec.lookPath,
		Hostname:   func() (string, error) { return "pc-042", nil },
		Interfaces: func() ([]payload.NetworkInterface, error) { return []payload.NetworkInterface{eth0}, nil },
		Uname:      func() (Uname, error) { return Uname{Release: "6.1.0-13-amd64", Machine: "x86_64"}, nil },
		Now:        func() time.Time { return fixedNow },
	}
}

func boolPtr(b bool) *bool { return &b }

func TestLinuxLaptop(t *testing.T) {
	root := copyTree(t, "testdata/linux-laptop")
	writeFile(t, root, "run/utmp", utmpFile(
		UtmpRecord{Type: 2, Line: "~", User: "reboot", Time: 1796450000},
		UtmpRecord{Type: 6, Line: "tty1", User: "LOGIN", Time: 1796450100},
		UtmpRecord{Type: userProcess, Line: "tty2", User: "alice", Time: 1796450200},
		UtmpRecord{Type: userProcess, Line: "pts/0", User: "bob", Time: 1796450300},
		UtmpRecord{Type: userProcess, Line: "pts/1", User: "alice", Time: 1796450400},
	))
	writeFile(t, root, "var/log/wtmp", utmpFile(
		UtmpRecord{Type: userProcess, Line: "pts/3", User: "carol", Time: 1796450500},
		UtmpRecord{Type: deadProcess, Line: "pts/3", Time: 1796450600},
		UtmpRecord{Type: userProcess, Line: "tty2", User: "alice", Time: 1796450200},
	))
	exec := fakeExec{"dpkg-query -W -f " + dpkgFormat: fixture(t, "dpkg-query.txt")}
	p := Collect(context.Background(), linuxEnv(root, exec))

	if len(p.Errors) != 0 {
		t.Fatalf("errors on a complete machine: %+v", p.Errors)
	}
	wantHW := payload.Hardware{
		Serial: "PF3ABC12", Vendor: "LENOVO", Model: "ThinkPad T14 Gen 3", ChassisType: "laptop",
		CPU:         &payload.CPU{Model: "12th Gen Intel(R) Core(TM) i7-1260P", Cores: 2, Threads: 4},
		MemoryBytes: 32597748 * 1024,
		Disks: []payload.Disk{
			{Name: "nvme0n1", SizeBytes: 1000215216 * 512, Model: "SAMSUNG MZVL2512HCJQ-00BL7", Rotational: boolPtr(false)},
			{Name: "sdb", SizeBytes: 3907029168 * 512, Model: "ST2000DM008-2FR102", Rotational: boolPtr(true)},
		},
	}
	if !reflect.DeepEqual(p.Hardware, wantHW) {
		t.Errorf("hardware\n got %s\nwant %s", jsonOf(p.Hardware), jsonOf(wantHW))
	}
	wantOS := payload.OS{Family: "linux", Name: "Debian GNU/Linux", Version: "12", Kernel: "6.1.0-13-amd64", Arch: "amd64"}
	if p.OS != wantOS {
		t.Errorf("os %+v, want %+v", p.OS, wantOS)
	}
	if !reflect.DeepEqual(p.Users, payload.Users{Current: []string{"alice", "bob"}, Last: "carol"}) {
		t.Errorf("users %+v", p.Users)
	}
	if p.UptimeSeconds == nil || *p.UptimeSeconds != 12345 {
		t.Errorf("uptime %v", p.UptimeSeconds)
	}
	if p.Hostname != "pc-042" || p.CollectedAt != "2026-12-05T10:00:00Z" || p.AgentVersion == "" {
		t.Errorf("header %q %q %q", p.Hostname, p.CollectedAt, p.AgentVersion)
	}
	if !reflect.DeepEqual(p.Network, []payload.NetworkInterface{eth0}) {
		t.Errorf("network %+v", p.Network)
	}
	wantSoftware := []payload.Software{
		{Name: "adduser", Version: "3.134", Publisher: "Debian Adduser Developers", Source: "dpkg"},
		{Name: "bash", Version: "5.2.15-2+b7", Publisher: "Matthias Klose", Source: "dpkg"},
		{Name: "libc6", Version: "2.36-9+deb12u14", Publisher: "GNU Libc Maintainers", Source: "dpkg"},
		{Name: "openssh-server", Version: "1:9.2p1-2+deb12u3", Publisher: "Debian OpenSSH Maintainers", Source: "dpkg"},
		{Name: "zoom", Version: "5.17.1.1840", Publisher: "Zoom Video Communications, Inc.", Source: "dpkg"},
	}
	if !reflect.DeepEqual(p.Software, wantSoftware) {
		t.Errorf("software\n got %s\nwant %s", jsonOf(p.Software), jsonOf(wantSoftware))
	}
}

// A VM without DMI, utmp or dpkg, like the CI machines: every gap is explained,
// nothing stops the check-in, and the CPU flags still say "virtual".
func TestLinuxVMWithoutDMI(t *testing.T) {
	exec := fakeExec{
		"who":                       "",
		"last -n 5 -w":              "\nwtmp begins Tue May 20 00:00:00 2025\n",
		"rpm -qa --qf " + rpmFormat: fixture(t, "rpm-qa.txt"),
	}
	p := Collect(context.Background(), linuxEnv("testdata/linux-vm", exec))

	if len(p.Errors) != 1 || p.Errors[0].Collector != "hardware" || !strings.Contains(p.Errors[0].Message, "DMI") {
		t.Fatalf("errors %+v, want one hardware entry about DMI", p.Errors)
	}
	if p.Hardware.Serial != "" || p.Hardware.Vendor != "" || p.Hardware.ChassisType != "virtual" {
		t.Errorf("hardware %s", jsonOf(p.Hardware))
	}
	if *p.Hardware.CPU != (payload.CPU{Model: "AMD EPYC", Cores: 2, Threads: 2}) {
		t.Errorf("cpu %+v", *p.Hardware.CPU)
	}
	wantDisks := []payload.Disk{{Name: "vda", SizeBytes: 536870912 * 512, Model: "Virtio block device", Rotational: boolPtr(true)}}
	if !reflect.DeepEqual(p.Hardware.Disks, wantDisks) {
		t.Errorf("disks %s", jsonOf(p.Hardware.Disks))
	}
	if p.OS.Name != "Ubuntu" || p.OS.Version != "24.04" {
		t.Errorf("os %+v", p.OS)
	}
	if len(p.Users.Current) != 0 || p.Users.Last != "" {
		t.Errorf("users %+v", p.Users)
	}
	if p.UptimeSeconds == nil || *p.UptimeSeconds != 87 {
		t.Errorf("uptime %v", p.UptimeSeconds)
	}
	wantSoftware := []payload.Software{
		{Name: "bash", Version: "5.1.8-9.el9", Publisher: "Red Hat, Inc.", Source: "rpm"},
		{Name: "kernel-core", Version: "5.14.0-362.13.1.el9_3", Publisher: "Red Hat, Inc.", Source: "rpm"},
		{Name: "openssl", Version: "1:3.0.7-24.el9", Publisher: "Red Hat, Inc.", Source: "rpm"},
		{Name: "zoom", Version: "5.17.1.1840-1", Source: "rpm"},
	}
	if !reflect.DeepEqual(p.Software, wantSoftware) {
		t.Errorf("software\n got %s\nwant %s", jsonOf(p.Software), jsonOf(wantSoftware))
	}
}

func TestLinuxUsersFromWhoAndLast(t *testing.T) {
	exec := fakeExec{"who": fixture(t, "who.txt"), "last -n 5 -w": fixture(t, "last.txt")}
	var u payload.Users
	r := &report{}
	readLinuxUsers(context.Background(), linuxEnv("testdata/linux-vm", exec), &u, r)
	if !reflect.DeepEqual(u, payload.Users{Current: []string{"alice", "bob"}, Last: "carol"}) || len(r.errs) != 0 {
		t.Fatalf("users %+v, errors %+v", u, r.errs)
	}
}

func TestMissingFactsAreOmittedAndExplained(t *testing.T) {
	root := t.TempDir()
	env := linuxEnv(root, fakeExec{})
	env.Hostname = func() (string, error) { return "", errors.New("hostname unavailable") }
	env.Interfaces = func() ([]payload.NetworkInterface, error) { return nil, errors.New("netlink denied") }
	env.Uname = func() (Uname, error) { return Uname{}, errors.New("uname failed") }
	p := Collect(context.Background(), env)

	collectors := map[string]bool{}
	for _, e := range p.Errors {
		collectors[e.Collector] = true
		if e.Message == "" {
			t.Errorf("%s error without a message", e.Collector)
		}
	}
	for _, c := range []string{"hostname", "hardware", "cpu", "memory", "disks", "os", "users", "uptime", "software", "network"} {
		if !collectors[c] {
			t.Errorf("no errors entry for %s: %+v", c, p.Errors)
		}
	}
	raw, _ := json.Marshal(p)
	var decoded map[string]interface{}
	json.Unmarshal(raw, &decoded)
	if _, ok := decoded["software"]; ok {
		t.Error("software key present although the package list is unknown (the server would read it as all removed)")
	}
	if _, ok := decoded["uptimeSeconds"]; ok {
		t.Error("uptimeSeconds present although unknown")
	}
	if decoded["os"].(map[string]interface{})["family"] != "linux" {
		t.Error("os.family missing")
	}
}

func TestSoftwareFailureIsReported(t *testing.T) {
	exec := fakeExec{"dpkg-query -W -f " + dpkgFormat: errors.New("dpkg-query: error: database locked")}
	p := Collect(context.Background(), linuxEnv("testdata/linux-laptop", exec))
	if p.Software != nil {
		t.Fatal("software reported although dpkg-query failed")
	}
	found := false
	for _, e := range p.Errors {
		found = found || (e.Collector == "software" && strings.Contains(e.Message, "database locked"))
	}
	if !found {
		t.Fatalf("errors %+v", p.Errors)
	}
}

func TestSoftwareIsCappedAtTheServerLimit(t *testing.T) {
	var b strings.Builder
	for i := 0; i < payload.MaxSoftware+5; i++ {
		fmt.Fprintf(&b, "ii \tpkg-%05d\t1.0\tX <x@example.org>\n", i)
	}
	exec := fakeExec{"dpkg-query -W -f " + dpkgFormat: b.String()}
	p := Collect(context.Background(), linuxEnv("testdata/linux-laptop", exec))
	if len(p.Software) != payload.MaxSoftware {
		t.Fatalf("%d software entries", len(p.Software))
	}
	found := false
	for _, e := range p.Errors {
		found = found || (e.Collector == "software" && strings.Contains(e.Message, "only the first 20000"))
	}
	if !found {
		t.Fatalf("errors %+v", p.Errors)
	}
}

func TestLongStringsAreCutOnARuneBoundary(t *testing.T) {
	env := linuxEnv("testdata/linux-laptop", fakeExec{})
	env.Hostname = func() (string, error) { return strings.Repeat("é", 400), nil }
	p := Collect(context.Background(), env)
	if len(p.Hostname) > payload.MaxStringLen || !strings.HasPrefix(strings.Repeat("é", 400), p.Hostname) {
		t.Fatalf("hostname %d bytes", len(p.Hostname))
	}
}

func TestInvalidUTF8IsReplacedNotTruncated(t *testing.T) {
	env := linuxEnv("testdata/linux-laptop", fakeExec{})
	env.Hostname = func() (string, error) { return "pc-\xff" + strings.Repeat("a", 600), nil }
	p := Collect(context.Background(), env)
	if !strings.HasPrefix(p.Hostname, "pc-\uFFFDaaa") || len(p.Hostname) < 500 || len(p.Hostname) > payload.MaxStringLen {
		t.Fatalf("hostname %q (%d bytes)", p.Hostname[:10], len(p.Hostname))
	}
}

func TestDMIOfAVirtualMachineAndPlaceholders(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "sys/class/dmi/id/sys_vendor", []byte("QEMU\n"))
	writeFile(t, root, "sys/class/dmi/id/product_name", []byte("Standard PC (Q35 + ICH9, 2009)\n"))
	writeFile(t, root, "sys/class/dmi/id/product_serial", []byte("System Serial Number\n"))
	writeFile(t, root, "sys/class/dmi/id/chassis_type", []byte("1\n"))
	var hw payload.Hardware
	r := &report{}
	readDMI(linuxEnv(root, nil), &hw, r)
	if hw.ChassisType != "virtual" || hw.Serial != "" || hw.Vendor != "QEMU" || len(r.errs) != 0 {
		t.Fatalf("hardware %+v errors %+v", hw, r.errs)
	}
}

func TestUnreadableSerialIsExplained(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files regardless of their mode")
	}
	root := t.TempDir()
	writeFile(t, root, "sys/class/dmi/id/sys_vendor", []byte("Dell Inc.\n"))
	writeFile(t, root, "sys/class/dmi/id/product_serial", []byte("7XK2QZ3\n"))
	os.Chmod(filepath.Join(root, "sys/class/dmi/id/product_serial"), 0o000)
	var hw payload.Hardware
	r := &report{}
	readDMI(linuxEnv(root, nil), &hw, r)
	if hw.Vendor != "Dell Inc." || hw.Serial != "" || len(r.errs) != 1 || !strings.Contains(r.errs[0].Message, "run the agent as root") {
		t.Fatalf("hardware %+v errors %+v", hw, r.errs)
	}
}

func TestChassisFromSMBIOS(t *testing.T) {
	cases := map[int]string{
		3: "desktop", 7: "desktop", 13: "desktop", 35: "desktop",
		8: "laptop", 9: "laptop", 10: "laptop", 14: "laptop", 31: "laptop", 32: "laptop",
		17: "server", 23: "server", 28: "server",
		11: "tablet", 30: "tablet",
		1: "other", 2: "other", 12: "other", 0: "other", 99: "other",
	}
	for code, want := range cases {
		if got := ChassisFromSMBIOS(code); got != want {
			t.Errorf("ChassisFromSMBIOS(%d) = %q, want %q", code, got, want)
		}
	}
	if !IsVirtualMachine("VMware, Inc.", "VMware Virtual Platform") || !IsVirtualMachine("Microsoft Corporation", "Virtual Machine") ||
		IsVirtualMachine("LENOVO", "ThinkPad T14 Gen 3") || IsVirtualMachine("Dell Inc.", "Latitude 7440") {
		t.Error("IsVirtualMachine misclassifies")
	}
}

func TestParseCPUInfoOnARM(t *testing.T) {
	raw := "processor\t: 0\nBogoMIPS\t: 108.00\nFeatures\t: fp asimd evtstrm crc32 cpuid\nCPU part\t: 0xd08\n\n" +
		"processor\t: 1\nBogoMIPS\t: 108.00\nCPU part\t: 0xd08\n\n" +
		"Hardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n"
	cpu, hv := ParseCPUInfo(raw)
	if cpu != (payload.CPU{Model: "Raspberry Pi 4 Model B Rev 1.4", Cores: 2, Threads: 2}) || hv {
		t.Fatalf("cpu %+v hypervisor %v", cpu, hv)
	}
}

func TestParseOSRelease(t *testing.T) {
	rel := ParseOSRelease("# comment\nNAME=\"Fedora Linux\"\nVERSION_ID=39\nPRETTY_NAME='Fedora Linux 39'\nQUOTED=\"say \\\"hi\\\"\"\n")
	if rel["NAME"] != "Fedora Linux" || rel["VERSION_ID"] != "39" || rel["PRETTY_NAME"] != "Fedora Linux 39" || rel["QUOTED"] != `say "hi"` {
		t.Fatalf("%+v", rel)
	}
}

func TestUtmp(t *testing.T) {
	raw := utmpFile(
		UtmpRecord{Type: userProcess, Line: "pts/0", User: "bob", Time: 100},
		UtmpRecord{Type: userProcess, Line: "tty1", User: "alice", Time: 300},
		UtmpRecord{Type: deadProcess, Line: "pts/0", Time: 400},
		UtmpRecord{Type: userProcess, Line: "pts/2", User: "bob", Time: 200},
	)
	raw = append(raw, 1, 2, 3) // a record being written
	recs := ParseUtmp(raw)
	if len(recs) != 4 || recs[1].User != "alice" || recs[1].Line != "tty1" || recs[1].Time != 300 {
		t.Fatalf("records %+v", recs)
	}
	if got := LoggedIn(recs); !reflect.DeepEqual(got, []string{"alice", "bob"}) {
		t.Errorf("LoggedIn %v", got)
	}
	if got := LastLogin(recs); got != "alice" {
		t.Errorf("LastLogin %q", got)
	}
}

func TestParseLastAndWho(t *testing.T) {
	if got := ParseLast(fixture(t, "last.txt")); got != "carol" {
		t.Errorf("ParseLast %q", got)
	}
	if got := ParseLast("\nwtmp begins Tue May 20 00:00:00 2025\n"); got != "" {
		t.Errorf("ParseLast of an empty log %q", got)
	}
	if got := ParseWho(fixture(t, "who.txt")); !reflect.DeepEqual(got, []string{"alice", "bob"}) {
		t.Errorf("ParseWho %v", got)
	}
}

func TestCompareVersions(t *testing.T) {
	less := [][2]string{
		{"5.17.1", "5.100"}, {"1.2", "1.2.1"}, {"", "0.1"}, {"1.0-rc1", "1.0.1"},
		{"5.14.0-362.8.1.el9_3", "5.14.0-362.13.1.el9_3"}, {"2.41.0", "2.43.0"}, {"1.09", "1.10"},
	}
	for _, c := range less {
		if CompareVersions(c[0], c[1]) >= 0 || CompareVersions(c[1], c[0]) <= 0 {
			t.Errorf("want %q < %q", c[0], c[1])
		}
	}
	if CompareVersions("1.002", "1.2") != 0 {
		t.Error("leading zeros should compare equal")
	}
}

func TestConvertInterface(t *testing.T) {
	mac, _ := net.ParseMAC("AA:BB:CC:DD:EE:FF")
	addrs := []net.Addr{
		&net.IPNet{IP: net.ParseIP("10.0.0.5"), Mask: net.CIDRMask(24, 32)},
		&net.IPNet{IP: net.ParseIP("2001:db8::5"), Mask: net.CIDRMask(64, 128)},
		&net.IPNet{IP: net.ParseIP("fe80::a8bb:ccff:fedd:eeff"), Mask: net.CIDRMask(64, 128)},
	}
	got, ok := ConvertInterface("eth0", net.FlagUp|net.FlagBroadcast, mac, addrs)
	want := payload.NetworkInterface{Name: "eth0", MAC: "aa:bb:cc:dd:ee:ff", IPv4: []string{"10.0.0.5"}, IPv6: []string{"2001:db8::5"}}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("eth0 = %+v, %v", got, ok)
	}
	if _, ok := ConvertInterface("lo", net.FlagLoopback|net.FlagUp, nil, []net.Addr{&net.IPNet{IP: net.ParseIP("127.0.0.1")}}); ok {
		t.Error("loopback reported")
	}
	for _, name := range []string{"docker0", "veth1a2b3c", "br-5f1e", "virbr0", "ifb0", "vEthernet (WSL)"} {
		if _, ok := ConvertInterface(name, net.FlagUp, mac, nil); ok {
			t.Errorf("virtual interface %s reported", name)
		}
	}
	wg, ok := ConvertInterface("wg0", net.FlagUp, nil, []net.Addr{&net.IPNet{IP: net.ParseIP("10.8.0.2")}})
	if !ok || wg.MAC != "" || !reflect.DeepEqual(wg.IPv4, []string{"10.8.0.2"}) {
		t.Errorf("wg0 = %+v, %v", wg, ok)
	}
	if _, ok := ConvertInterface("sit0", 0, net.HardwareAddr{0, 0, 0, 0}, nil); ok {
		t.Error("an interface with no MAC and no address reported")
	}
}

func TestGoArch(t *testing.T) {
	for in, want := range map[string]string{"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm", "i686": "386", "sparc": ""} {
		if got := GoArch(in); got != want {
			t.Errorf("GoArch(%q) = %q", in, got)
		}
	}
}

func jsonOf(v interface{}) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestIdentityForEnrollment(t *testing.T) {
	id := Identity(context.Background(), linuxEnv("testdata/linux-laptop", fakeExec{}))
	if id != (DeviceIdentity{Hostname: "pc-042", Serial: "PF3ABC12", OS: "Debian GNU/Linux 12"}) {
		t.Fatalf("identity %+v", id)
	}
	exec := fakeExec{powershellKey: fixture(t, "windows/inventory.json.out")}
	if id := Identity(context.Background(), windowsEnv(exec)); id != (DeviceIdentity{Hostname: "LT-0042", Serial: "7XK2QZ3", OS: "Microsoft Windows 11 Enterprise 23H2"}) {
		t.Fatalf("windows identity %+v", id)
	}
}
