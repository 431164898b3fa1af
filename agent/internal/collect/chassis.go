package collect

import (
	"strings"

	"assetronics.dev/agent/internal/payload"
)

// smbiosChassis maps SMBIOS System Enclosure types (DSP0134 7.4.1; the codes in
// /sys/class/dmi/id/chassis_type and Win32_SystemEnclosure.ChassisTypes) to the
// chassis types the server files assets under.
var smbiosChassis = map[int]string{
	1:  payload.ChassisOther,   // Other
	2:  payload.ChassisOther,   // Unknown
	3:  payload.ChassisDesktop, // Desktop
	4:  payload.ChassisDesktop, // Low Profile Desktop
	5:  payload.ChassisDesktop, // Pizza Box
	6:  payload.ChassisDesktop, // Mini Tower
	7:  payload.ChassisDesktop, // Tower
	8:  payload.ChassisLaptop,  // Portable
	9:  payload.ChassisLaptop,  // Laptop
	10: payload.ChassisLaptop,  // Notebook
	11: payload.ChassisTablet,  // Hand Held
	12: payload.ChassisOther,   // Docking Station
	13: payload.ChassisDesktop, // All in One
	14: payload.ChassisLaptop,  // Sub Notebook
	15: payload.ChassisDesktop, // Space-saving
	16: payload.ChassisDesktop, // Lunch Box
	17: payload.ChassisServer,  // Main Server Chassis
	18: payload.ChassisOther,   // Expansion Chassis
	19: payload.ChassisOther,   // SubChassis
	20: payload.ChassisOther,   // Bus Expansion Chassis
	21: payload.ChassisOther,   // Peripheral Chassis
	22: payload.ChassisServer,  // RAID Chassis
	23: payload.ChassisServer,  // Rack Mount Chassis
	24: payload.ChassisDesktop, // Sealed-case PC
	25: payload.ChassisServer,  // Multi-system chassis
	26: payload.ChassisServer,  // Compact PCI
	27: payload.ChassisServer,  // Advanced TCA
	28: payload.ChassisServer,  // Blade
	29: payload.ChassisServer,  // Blade Enclosure
	30: payload.ChassisTablet,  // Tablet
	31: payload.ChassisLaptop,  // Convertible
	32: payload.ChassisLaptop,  // Detachable
	33: payload.ChassisOther,   // IoT Gateway
	34: payload.ChassisDesktop, // Embedded PC
	35: payload.ChassisDesktop, // Mini PC
	36: payload.ChassisDesktop, // Stick PC
}

// ChassisFromSMBIOS maps an SMBIOS chassis type code; unknown codes are "other".
func ChassisFromSMBIOS(code int) string {
	if c, ok := smbiosChassis[code]; ok {
		return c
	}
	return payload.ChassisOther
}

// virtualMarkers appear in the vendor or model firmware strings of virtual machines.
var virtualMarkers = []string{
	"qemu", "kvm", "vmware", "virtualbox", "innotek", "xen", "bochs", "parallels",
	"virtual machine", "amazon ec2", "google compute engine", "openstack", "bhyve",
	"cloud hypervisor", "firecracker", "virtualmac",
}

// IsVirtualMachine reports firmware strings that name a hypervisor.
func IsVirtualMachine(vendor, model string) bool {
	s := strings.ToLower(vendor + " " + model)
	for _, m := range virtualMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
