package config

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var sample = Config{
	Server:          "https://assets.example.com",
	DeviceID:        "dev-1",
	Credential:      "dev_secret",
	IntervalSeconds: 3600,
}

func TestSaveWritesMode0600AndLoadReadsItBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "assetronics", "agent.json")
	if err := Save(path, sample); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Fatalf("config mode is %04o, want 0600", info.Mode().Perm())
	}
	got, warning, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if warning != "" {
		t.Fatalf("unexpected warning %q", warning)
	}
	if got != sample {
		t.Fatalf("loaded %+v, want %+v", got, sample)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestSaveReplacesAndTightensAnExistingFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX modes only")
	}
	path := filepath.Join(t.TempDir(), "agent.json")
	if err := os.WriteFile(path, []byte(`{"old":true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, sample); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %04o after replacing a 0644 file", info.Mode().Perm())
	}
}

func TestLoadWarnsAboutALooseMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX modes only")
	}
	path := filepath.Join(t.TempDir(), "agent.json")
	if err := Save(path, sample); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, warning, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warning, "chmod 600") {
		t.Fatalf("warning %q does not say how to fix it", warning)
	}
}

func TestLoadMissingFileIsNotEnrolled(t *testing.T) {
	_, _, err := Load(filepath.Join(t.TempDir(), "absent.json"))
	if !errors.Is(err, ErrNotEnrolled) {
		t.Fatalf("got %v, want ErrNotEnrolled", err)
	}
}

func TestLoadRejectsIncompleteConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agent.json")
	os.WriteFile(path, []byte(`{"server":"https://a.example","deviceId":"d"}`), 0o600)
	_, _, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "credential is missing") {
		t.Fatalf("got %v", err)
	}
}

func TestSaveRefusesAnInvalidConfig(t *testing.T) {
	path := filepath.Join(t.TempDir(), "agent.json")
	bad := sample
	bad.Server = "ftp://example.com"
	if err := Save(path, bad); err == nil {
		t.Fatal("saved a config with an ftp server")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("an invalid config was written")
	}
}

func TestNormalizeServer(t *testing.T) {
	cases := map[string]string{
		"https://assets.example.com/":      "https://assets.example.com",
		" http://localhost:3100 ":          "http://localhost:3100",
		"https://example.com/assetronics/": "https://example.com/assetronics",
	}
	for in, want := range cases {
		got, err := NormalizeServer(in)
		if err != nil || got != want {
			t.Errorf("NormalizeServer(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "assets.example.com", "ftp://x", "https://x/?a=1", "https://"} {
		if _, err := NormalizeServer(bad); err == nil {
			t.Errorf("NormalizeServer(%q) accepted", bad)
		}
	}
}
