//go:build !linux

package collect

// systemUname is nil outside Linux: macOS and Windows collectors ask sw_vers and
// CIM for the kernel version instead.
var systemUname func() (Uname, error)
