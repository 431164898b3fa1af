package collect

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"assetronics.dev/agent/internal/payload"
)

// Windows: one PowerShell call reads CIM (Win32_ComputerSystem, Win32_BIOS,
// Win32_SystemEnclosure, Win32_Processor, Win32_OperatingSystem,
// MSFT_PhysicalDisk) and the LogonUI registry key as JSON; `reg query` lists the
// Uninstall keys for installed software.

// windowsInventoryScript prints one JSON object; each CIM query stands alone so
// one missing class costs only its own fields.
const windowsInventoryScript = `$ErrorActionPreference = 'SilentlyContinue'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$cs = Get-CimInstance -ClassName Win32_ComputerSystem
$bios = Get-CimInstance -ClassName Win32_BIOS
$enc = Get-CimInstance -ClassName Win32_SystemEnclosure
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$cpu = @(Get-CimInstance -ClassName Win32_Processor)
$disks = @(Get-CimInstance -Namespace root/Microsoft/Windows/Storage -ClassName MSFT_PhysicalDisk | Where-Object { $_.BusType -ne 7 })
$nt = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
$logon = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Authentication\LogonUI'
$uptime = $null
if ($os.LastBootUpTime) { $uptime = [int64]((Get-Date) - $os.LastBootUpTime).TotalSeconds }
[pscustomobject]@{
  manufacturer = $cs.Manufacturer; model = $cs.Model; memoryBytes = $cs.TotalPhysicalMemory; userName = $cs.UserName
  serial = $bios.SerialNumber; chassisTypes = @($enc.ChassisTypes)
  cpus = @($cpu | ForEach-Object { [pscustomobject]@{ name = $_.Name; cores = $_.NumberOfCores; threads = $_.NumberOfLogicalProcessors } })
  osCaption = $os.Caption; osVersion = $os.Version; displayVersion = $nt.DisplayVersion; ubr = $nt.UBR
  arch = $env:PROCESSOR_ARCHITECTURE; uptimeSeconds = $uptime; lastUser = $logon.LastLoggedOnUser
  disks = @($disks | ForEach-Object { [pscustomobject]@{ id = $_.DeviceId; model = $_.FriendlyName; sizeBytes = $_.Size; mediaType = $_.MediaType } })
} | ConvertTo-Json -Depth 4 -Compress`

var uninstallKeys = []string{
	`HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall`,
	`HKLM\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall`,
}

func collectWindows(ctx context.Context, env Env, p *payload.CheckIn, r *report) {
	out, err := env.Exec(ctx, "powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
		"-Command", windowsInventoryScript)
	if err != nil {
		r.fail("hardware", "powershell inventory: %v", err)
	} else if inv, err := ParseWindowsInventory(out); err != nil {
		r.fail("hardware", "%v", err)
	} else {
		inv.apply(p)
	}

	var list []payload.Software
	read := 0
	for _, key := range uninstallKeys {
		out, err := env.Exec(ctx, "reg.exe", "query", key, "/s")
		if err != nil {
			// The WOW6432Node key is absent on 32-bit Windows; only a total failure counts.
			continue
		}
		read++
		list = append(list, ParseRegUninstall(string(out))...)
	}
	if read == 0 {
		r.fail("software", "reg query of the Uninstall keys failed")
		return
	}
	if list == nil {
		list = []payload.Software{}
	}
	p.Software = list
}

// flexInt accepts a JSON number, a numeric string or null.
type flexInt int64

func (f *flexInt) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		*f = 0
		return nil
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("not a number: %s", b)
	}
	*f = flexInt(n)
	return nil
}

// WindowsInventory is the JSON windowsInventoryScript prints.
type WindowsInventory struct {
	Manufacturer   string    `json:"manufacturer"`
	Model          string    `json:"model"`
	MemoryBytes    flexInt   `json:"memoryBytes"`
	UserName       string    `json:"userName"`
	Serial         string    `json:"serial"`
	ChassisTypes   []flexInt `json:"chassisTypes"`
	CPUs           []winCPU  `json:"cpus"`
	OSCaption      string    `json:"osCaption"`
	OSVersion      string    `json:"osVersion"`
	DisplayVersion string    `json:"displayVersion"`
	UBR            flexInt   `json:"ubr"`
	Arch           string    `json:"arch"`
	UptimeSeconds  *flexInt  `json:"uptimeSeconds"`
	LastUser       string    `json:"lastUser"`
	Disks          []winDisk `json:"disks"`
}

type winCPU struct {
	Name    string  `json:"name"`
	Cores   flexInt `json:"cores"`
	Threads flexInt `json:"threads"`
}

type winDisk struct {
	ID        string  `json:"id"`
	Model     string  `json:"model"`
	SizeBytes flexInt `json:"sizeBytes"`
	MediaType flexInt `json:"mediaType"` // MSFT_PhysicalDisk: 3 HDD, 4 SSD, 5 SCM, 0 unspecified
}

// ParseWindowsInventory reads the script's JSON.
func ParseWindowsInventory(raw []byte) (WindowsInventory, error) {
	var inv WindowsInventory
	raw = []byte(strings.TrimPrefix(strings.TrimSpace(string(raw)), "\ufeff"))
	if err := json.Unmarshal(raw, &inv); err != nil {
		return inv, fmt.Errorf("PowerShell inventory output is not the expected JSON: %v", err)
	}
	return inv, nil
}

func (inv WindowsInventory) apply(p *payload.CheckIn) {
	hw := &p.Hardware
	hw.Serial = clean(inv.Serial)
	hw.Vendor = clean(inv.Manufacturer)
	hw.Model = clean(inv.Model)
	hw.MemoryBytes = int64(inv.MemoryBytes)
	if len(inv.ChassisTypes) > 0 {
		hw.ChassisType = ChassisFromSMBIOS(int(inv.ChassisTypes[0]))
	}
	if IsVirtualMachine(hw.Vendor, hw.Model) {
		hw.ChassisType = payload.ChassisVirtual
	}
	if len(inv.CPUs) > 0 {
		cpu := payload.CPU{Model: strings.Join(strings.Fields(inv.CPUs[0].Name), " ")}
		for _, c := range inv.CPUs {
			cpu.Cores += int(c.Cores)
			cpu.Threads += int(c.Threads)
		}
		hw.CPU = &cpu
	}
	for _, d := range inv.Disks {
		if d.SizeBytes <= 0 {
			continue
		}
		disk := payload.Disk{Name: "PhysicalDrive" + d.ID, SizeBytes: int64(d.SizeBytes), Model: clean(d.Model)}
		switch d.MediaType {
		case 3:
			rot := true
			disk.Rotational = &rot
		case 4, 5:
			rot := false
			disk.Rotational = &rot
		}
		hw.Disks = append(hw.Disks, disk)
	}

	p.OS.Name = inv.OSCaption
	p.OS.Version = firstNonEmpty(inv.DisplayVersion, inv.OSVersion)
	p.OS.Kernel = inv.OSVersion
	if inv.OSVersion != "" && inv.UBR > 0 {
		p.OS.Kernel = fmt.Sprintf("%s.%d", inv.OSVersion, inv.UBR)
	}
	if arch := windowsArch(inv.Arch); arch != "" {
		p.OS.Arch = arch
	}
	if inv.UptimeSeconds != nil && *inv.UptimeSeconds >= 0 {
		up := int64(*inv.UptimeSeconds)
		p.UptimeSeconds = &up
	}
	if u := WindowsUser(inv.UserName); u != "" {
		p.Users.Current = []string{u}
	}
	p.Users.Last = firstNonEmpty(WindowsUser(inv.LastUser), WindowsUser(inv.UserName))
}

func windowsArch(a string) string {
	switch strings.ToUpper(a) {
	case "AMD64":
		return "amd64"
	case "ARM64":
		return "arm64"
	case "X86":
		return "386"
	}
	return ""
}

// WindowsUser drops the domain from "ACME\alice" or ".\alice".
func WindowsUser(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\\'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

var regValue = regexp.MustCompile(`^\s+(.+?)\s{4}(REG_[A-Z_]+)(?:\s{4}(.*))?$`)

// ParseRegUninstall reads `reg query <Uninstall key> /s` output: one block per
// subkey. Entries without a DisplayName, system components, and updates that
// belong to another product are left out, as Settings > Apps does.
func ParseRegUninstall(out string) []payload.Software {
	list := []payload.Software{}
	values := map[string]string{}
	flush := func() {
		name := strings.TrimSpace(values["DisplayName"])
		defer func() { values = map[string]string{} }()
		if name == "" || values["SystemComponent"] == "0x1" || values["ParentKeyName"] != "" {
			return
		}
		switch values["ReleaseType"] {
		case "Update", "Hotfix", "Security Update", "Service Pack":
			return
		}
		source := payload.SourceRegistry
		if values["WindowsInstaller"] == "0x1" {
			source = payload.SourceMSI
		}
		list = append(list, payload.Software{
			Name: name, Version: strings.TrimSpace(values["DisplayVersion"]),
			Publisher: strings.TrimSpace(values["Publisher"]), Source: source,
		})
	}
	for _, line := range strings.Split(strings.ReplaceAll(out, "\r\n", "\n"), "\n") {
		if strings.HasPrefix(line, "HKEY_") {
			flush()
			continue
		}
		if m := regValue.FindStringSubmatch(line); m != nil {
			values[m[1]] = m[3]
		}
	}
	flush()
	return list
}
