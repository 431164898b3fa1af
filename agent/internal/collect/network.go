package collect

import (
	"net"
	"sort"
	"strings"

	"assetronics.dev/agent/internal/payload"
)

// virtualInterfacePrefixes name interfaces that container runtimes, VPNs and
// hypervisors create and destroy: their MACs are random, so reporting them
// would break matching by MAC and record a "change" on every container start.
var virtualInterfacePrefixes = []string{
	"veth", "docker", "br-", "virbr", "vnet", "cni", "flannel", "cali", "tap", "tun",
	"ifb", "dummy", "lxc", "lxd", "vxlan", "genev", "kube", "weave", "podman", "utun",
	"awdl", "llw", "anpi", "bridge", "gif", "stf", "ap1",
}

// SystemInterfaces lists this machine's network interfaces.
func SystemInterfaces() ([]payload.NetworkInterface, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	out := []payload.NetworkInterface{}
	for _, iface := range ifaces {
		addrs, _ := iface.Addrs()
		if n, ok := ConvertInterface(iface.Name, iface.Flags, iface.HardwareAddr, addrs); ok {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ConvertInterface turns one interface into its payload form, or reports false
// for loopback, virtual, and interfaces with neither a MAC nor an address.
// Link-local IPv6 addresses are left out: they are derived from the MAC and add
// nothing but noise.
func ConvertInterface(name string, flags net.Flags, mac net.HardwareAddr, addrs []net.Addr) (payload.NetworkInterface, bool) {
	if flags&net.FlagLoopback != 0 || hasAnyPrefix(strings.ToLower(name), virtualInterfacePrefixes) {
		return payload.NetworkInterface{}, false
	}
	n := payload.NetworkInterface{Name: name, IPv4: []string{}, IPv6: []string{}}
	if len(mac) > 0 && !allZero(mac) {
		n.MAC = strings.ToLower(mac.String())
	}
	for _, a := range addrs {
		var ip net.IP
		switch v := a.(type) {
		case *net.IPNet:
			ip = v.IP
		case *net.IPAddr:
			ip = v.IP
		}
		if ip == nil || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
			continue
		}
		if v4 := ip.To4(); v4 != nil {
			n.IPv4 = append(n.IPv4, v4.String())
		} else {
			n.IPv6 = append(n.IPv6, ip.String())
		}
	}
	if n.MAC == "" && len(n.IPv4) == 0 && len(n.IPv6) == 0 {
		return payload.NetworkInterface{}, false
	}
	return n, true
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
