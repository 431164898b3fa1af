// Package config reads and writes the agent's config file, which holds the
// device credential and therefore is only ever written with mode 0600.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Config is the content of agent.json.
type Config struct {
	Server          string `json:"server"`
	DeviceID        string `json:"deviceId"`
	Credential      string `json:"credential"`
	IntervalSeconds int    `json:"intervalSeconds"`
}

// ErrNotEnrolled is returned by Load when there is no config file yet.
var ErrNotEnrolled = errors.New("this device is not enrolled yet")

// DefaultPath is /etc/assetronics/agent.json for root (the system service), the
// ProgramData folder on Windows, and the user's config folder otherwise
// ($XDG_CONFIG_HOME/assetronics/agent.json on Linux).
func DefaultPath() string {
	if runtime.GOOS == "windows" {
		base := os.Getenv("ProgramData")
		if base == "" {
			base = `C:\ProgramData`
		}
		return filepath.Join(base, "Assetronics", "agent.json")
	}
	if os.Geteuid() == 0 {
		return "/etc/assetronics/agent.json"
	}
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "assetronics", "agent.json")
	}
	return filepath.Join(".", "assetronics-agent.json")
}

// Validate checks that a config can be used for check-ins.
func (c Config) Validate() error {
	if _, err := NormalizeServer(c.Server); err != nil {
		return err
	}
	if strings.TrimSpace(c.DeviceID) == "" {
		return errors.New("deviceId is missing")
	}
	if strings.TrimSpace(c.Credential) == "" {
		return errors.New("credential is missing")
	}
	if c.IntervalSeconds < 0 {
		return errors.New("intervalSeconds must not be negative")
	}
	return nil
}

// NormalizeServer checks a server URL and returns it without a trailing slash.
func NormalizeServer(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("the server URL is missing")
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("the server URL %q must look like https://assets.example.com", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("the server URL %q must not have a query or fragment", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u.String(), nil
}

// Load reads the config at path. A missing file gives ErrNotEnrolled; a file that
// others can read is still loaded, and its loose mode is reported in Warning.
func Load(path string) (cfg Config, warning string, err error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{}, "", ErrNotEnrolled
	}
	if err != nil {
		return Config{}, "", fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(raw, &cfg); err != nil {
		return Config{}, "", fmt.Errorf("%s is not valid JSON: %w", path, err)
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, "", fmt.Errorf("%s: %w", path, err)
	}
	if runtime.GOOS != "windows" {
		if info, statErr := os.Stat(path); statErr == nil && info.Mode().Perm()&0o077 != 0 {
			warning = fmt.Sprintf("%s is readable by other users (mode %04o); it holds this device's credential: chmod 600 %s",
				path, info.Mode().Perm(), path)
		}
	}
	return cfg, warning, nil
}

// Save writes the config atomically with mode 0600: a temporary file in the same
// folder, synced, then renamed over the old one, so a crash never leaves a
// half-written credential behind.
func Save(path string, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	body, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".agent-*.json")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // no-op once renamed
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return fmt.Errorf("chmod %s: %w", tmpName, err)
	}
	if _, err := tmp.Write(append(body, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
