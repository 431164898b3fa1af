package collect

import (
	"bytes"
	"encoding/binary"
	"sort"
)

// glibc's struct utmp on Linux (x86, x86-64, arm, arm64, riscv): 384 bytes,
// little-endian, with 32-bit times even on 64-bit systems.
const (
	utmpSize       = 384
	utmpUserStart  = 44
	utmpUserLen    = 32
	utmpLineStart  = 8
	utmpLineLen    = 32
	utmpTimeOffset = 340
	userProcess    = 7
	deadProcess    = 8
)

// UtmpRecord is the part of a utmp/wtmp entry the agent uses.
type UtmpRecord struct {
	Type int16
	Line string
	User string
	Time int64 // seconds since the epoch
}

// ParseUtmp reads utmp or wtmp records; a trailing partial record is ignored.
func ParseUtmp(raw []byte) []UtmpRecord {
	records := make([]UtmpRecord, 0, len(raw)/utmpSize)
	for off := 0; off+utmpSize <= len(raw); off += utmpSize {
		rec := raw[off : off+utmpSize]
		records = append(records, UtmpRecord{
			Type: int16(binary.LittleEndian.Uint16(rec[0:2])),
			Line: cString(rec[utmpLineStart : utmpLineStart+utmpLineLen]),
			User: cString(rec[utmpUserStart : utmpUserStart+utmpUserLen]),
			Time: int64(int32(binary.LittleEndian.Uint32(rec[utmpTimeOffset : utmpTimeOffset+4]))),
		})
	}
	return records
}

// LoggedIn returns the distinct users with a live session in utmp, sorted.
func LoggedIn(records []UtmpRecord) []string {
	seen := map[string]bool{}
	users := []string{}
	for _, r := range records {
		if r.Type != userProcess || r.User == "" || r.User == "LOGIN" || seen[r.User] {
			continue
		}
		seen[r.User] = true
		users = append(users, r.User)
	}
	sort.Strings(users)
	return users
}

// LastLogin returns the user of the most recent login in wtmp (what `last -n1` shows).
func LastLogin(records []UtmpRecord) string {
	var user string
	var at int64 = -1
	for _, r := range records {
		if r.Type == userProcess && r.User != "" && r.User != "LOGIN" && r.Time >= at {
			user, at = r.User, r.Time
		}
	}
	return user
}

func cString(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}
