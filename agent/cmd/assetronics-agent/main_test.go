package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"assetronics.dev/agent/internal/collect"
	"assetronics.dev/agent/internal/config"
	"assetronics.dev/agent/internal/payload"
	"assetronics.dev/agent/internal/version"
)

// fakeServer is a small stand-in for /api/agent/v1 that records what it saw.
type fakeServer struct {
	mu          sync.Mutex
	credential  string
	checkIns    []payload.CheckIn
	enrollments []map[string]interface{}
	answers     []int // status codes for successive check-ins; 200 when exhausted
	*httptest.Server
}

func newFakeServer(t *testing.T) *fakeServer {
	f := &fakeServer{credential: "dev_first"}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	authed := r.Header.Get("Authorization") == "Bearer "+f.credential
	switch r.URL.Path {
	case "/api/agent/v1/enroll":
		var body map[string]interface{}
		json.NewDecoder(r.Body).Decode(&body)
		if body["token"] != "tok_good" {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":{"code":"invalid_token","message":"Unknown, revoked or expired enrollment token."}}`)
			return
		}
		f.enrollments = append(f.enrollments, body)
		w.WriteHeader(201)
		io.WriteString(w, `{"deviceId":"dev-123","credential":"`+f.credential+`","checkInIntervalSeconds":900}`)
	case "/api/agent/v1/check-in":
		status := 200
		if len(f.answers) > 0 {
			status, f.answers = f.answers[0], f.answers[1:]
		}
		if !authed {
			status = 401
		}
		switch status {
		case 200:
			var p payload.CheckIn
			json.NewDecoder(r.Body).Decode(&p)
			f.checkIns = append(f.checkIns, p)
			io.WriteString(w, `{"status":"ok","deviceId":"dev-123","assetId":null,"changed":true,"nextCheckInSeconds":900}`)
		case 401:
			w.WriteHeader(401)
			io.WriteString(w, `{"error":{"code":"invalid_credential","message":"This device's credential was revoked."}}`)
		case 413:
			w.WriteHeader(413)
			io.WriteString(w, `{"error":{"code":"payload_too_large","message":"The check-in is over 2 MB."}}`)
		case 429:
			w.Header().Set("Retry-After", "30")
			w.WriteHeader(429)
			io.WriteString(w, `{"error":{"code":"rate_limited","message":"Too many check-ins."}}`)
		}
	case "/api/agent/v1/rotate":
		if !authed {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":{"code":"invalid_credential","message":"revoked"}}`)
			return
		}
		f.credential = "dev_second"
		io.WriteString(w, `{"credential":"dev_second"}`)
	default:
		w.WriteHeader(404)
	}
}

// quickEnv is a Linux machine with nothing to read, so commands run fast.
func quickEnv(t *testing.T) collect.Env {
	fail := func(context.Context, string, ...string) ([]byte, error) { return nil, errors.New("not here") }
	return collect.Env{
		GOOS: "linux", GOARCH: "amd64", Root: t.TempDir(), Exec: fail,
		LookPath:   func(string) (string, error) { return "", errors.New("not found") },
		Hostname:   func() (string, error) { return "pc-042", nil },
		Interfaces: func() ([]payload.NetworkInterface, error) { return []payload.NetworkInterface{}, nil },
		Uname:      func() (collect.Uname, error) { return collect.Uname{Release: "6.1.0", Machine: "x86_64"}, nil },
	}
}

type result struct {
	code           int
	stdout, stderr string
}

func runAgent(t *testing.T, env collect.Env, configPath string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a := &app{
		stdout: &stdout, stderr: &stderr, env: env, configPath: configPath,
		sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() },
	}
	code := a.main(context.Background(), args)
	return result{code, stdout.String(), stderr.String()}
}

func TestEnrollThenCheckIn(t *testing.T) {
	srv := newFakeServer(t)
	env := quickEnv(t)
	cfgPath := filepath.Join(t.TempDir(), "assetronics", "agent.json")

	r := runAgent(t, env, cfgPath, "enroll", "--server", srv.URL+"/", "--token", "tok_good")
	if r.code != 0 {
		t.Fatalf("enroll exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Enrolled pc-042", "as device dev-123", cfgPath, "every 15m0s"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("enroll output lacks %q:\n%s", want, r.stdout)
		}
	}
	if got := srv.enrollments[0]["device"].(map[string]interface{})["hostname"]; got != "pc-042" {
		t.Errorf("enrolled hostname %v", got)
	}
	info, err := os.Stat(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("config mode %04o", info.Mode().Perm())
	}
	cfg, _, err := config.Load(cfgPath)
	if err != nil || cfg != (config.Config{Server: srv.URL, DeviceID: "dev-123", Credential: "dev_first", IntervalSeconds: 900}) {
		t.Fatalf("config %+v, %v", cfg, err)
	}

	r = runAgent(t, env, "", "--config", cfgPath, "check-in")
	if r.code != 0 {
		t.Fatalf("check-in exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Checked in pc-042") || !strings.Contains(r.stdout, "awaiting review") {
		t.Errorf("check-in output: %s", r.stdout)
	}
	if !strings.Contains(r.stderr, "note: hardware:") {
		t.Errorf("collector errors not shown: %s", r.stderr)
	}
	if len(srv.checkIns) != 1 || srv.checkIns[0].Hostname != "pc-042" || srv.checkIns[0].AgentVersion != version.Version {
		t.Fatalf("server received %+v", srv.checkIns)
	}

	r = runAgent(t, env, cfgPath, "enroll", "--server", srv.URL, "--token", "tok_good")
	if r.code != exitUsage || !strings.Contains(r.stderr, "already enrolled") || !strings.Contains(r.stderr, "--force") {
		t.Errorf("second enroll: exit %d, %s", r.code, r.stderr)
	}
	r = runAgent(t, env, cfgPath, "enroll", "--force", "--server", srv.URL, "--token", "tok_good")
	if r.code != 0 || len(srv.enrollments) != 2 {
		t.Errorf("forced enroll: exit %d, %s", r.code, r.stderr)
	}
}

func TestEnrollWithABadTokenSaysSo(t *testing.T) {
	srv := newFakeServer(t)
	cfgPath := filepath.Join(t.TempDir(), "agent.json")
	r := runAgent(t, quickEnv(t), cfgPath, "enroll", "--server", srv.URL, "--token", "tok_revoked")
	if r.code != exitRejected || !strings.Contains(r.stderr, "not accepted") || !strings.Contains(r.stderr, "Settings > Agent") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(cfgPath); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a config was written for a refused enrollment")
	}
}

func enrolled(t *testing.T, srv *fakeServer) string {
	path := filepath.Join(t.TempDir(), "agent.json")
	if err := config.Save(path, config.Config{Server: srv.URL, DeviceID: "dev-123", Credential: srv.credential, IntervalSeconds: 900}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCheckInWithARevokedCredential(t *testing.T) {
	srv := newFakeServer(t)
	cfgPath := enrolled(t, srv)
	srv.credential = "dev_other" // revoked on the server
	r := runAgent(t, quickEnv(t), cfgPath, "check-in")
	if r.code != exitRejected {
		t.Fatalf("exit %d, want %d", r.code, exitRejected)
	}
	if !strings.Contains(r.stderr, "the server no longer accepts this device's credential; enroll again") ||
		!strings.Contains(r.stderr, "enroll --server "+srv.URL+" --token TOKEN --force") {
		t.Fatalf("stderr: %s", r.stderr)
	}
}

func TestCheckInWhenRateLimited(t *testing.T) {
	srv := newFakeServer(t)
	srv.answers = []int{429}
	r := runAgent(t, quickEnv(t), enrolled(t, srv), "check-in")
	if r.code != exitFailure || !strings.Contains(r.stderr, "wait 30s") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

func TestATooLargeCheckInIsSentAgainWithoutSoftware(t *testing.T) {
	srv := newFakeServer(t)
	srv.answers = []int{413}
	env := quickEnv(t)
	env.LookPath = func(file string) (string, error) {
		if file == "dpkg-query" {
			return "/usr/bin/dpkg-query", nil
		}
		return "", errors.New("not found")
	}
	env.Exec = func(_ context.Context, name string, _ ...string) ([]byte, error) {
		if name == "dpkg-query" {
			return []byte("ii \tzoom\t5.17.1\tZoom <z@example.com>\n"), nil
		}
		return nil, errors.New("not here")
	}
	r := runAgent(t, env, enrolled(t, srv), "check-in")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if len(srv.checkIns) != 1 || srv.checkIns[0].Software != nil {
		t.Fatalf("server received %+v", srv.checkIns)
	}
	last := srv.checkIns[0].Errors[len(srv.checkIns[0].Errors)-1]
	if last.Collector != "software" || !strings.Contains(last.Message, "1 packages made the check-in larger") {
		t.Fatalf("errors %+v", srv.checkIns[0].Errors)
	}
}

func TestCheckInBeforeEnrolling(t *testing.T) {
	cfgPath := filepath.Join(t.TempDir(), "agent.json")
	r := runAgent(t, quickEnv(t), cfgPath, "check-in")
	if r.code != exitNotEnrolled || !strings.Contains(r.stderr, "not enrolled") || !strings.Contains(r.stderr, "enroll --server URL --token TOKEN") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

func TestRunStopsWhenTheCredentialIsRevoked(t *testing.T) {
	srv := newFakeServer(t)
	srv.answers = []int{200, 429, 200, 401}
	r := runAgent(t, quickEnv(t), enrolled(t, srv), "run")
	if r.code != exitRejected {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if len(srv.checkIns) != 2 {
		t.Errorf("%d successful check-ins, want 2", len(srv.checkIns))
	}
	for _, want := range []string{"checked in (device dev-123", "retrying in", "enroll again"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("run log lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestRotateSavesTheNewCredential(t *testing.T) {
	srv := newFakeServer(t)
	cfgPath := enrolled(t, srv)
	r := runAgent(t, quickEnv(t), cfgPath, "rotate")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	cfg, _, _ := config.Load(cfgPath)
	if cfg.Credential != "dev_second" {
		t.Fatalf("credential %q after rotate", cfg.Credential)
	}
	if r := runAgent(t, quickEnv(t), cfgPath, "check-in"); r.code != 0 {
		t.Fatalf("check-in with the rotated credential: exit %d: %s", r.code, r.stderr)
	}
}

func TestUsageAndVersion(t *testing.T) {
	env := quickEnv(t)
	if r := runAgent(t, env, "/x/agent.json"); r.code != exitUsage || !strings.Contains(r.stderr, "Commands:") {
		t.Errorf("no command: exit %d %s", r.code, r.stderr)
	}
	if r := runAgent(t, env, "/x/agent.json", "frobnicate"); r.code != exitUsage || !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d %s", r.code, r.stderr)
	}
	if r := runAgent(t, env, "/x/agent.json", "check-in", "--bogus"); r.code != exitUsage || !strings.Contains(r.stderr, "bogus") {
		t.Errorf("unknown flag: exit %d %s", r.code, r.stderr)
	}
	if r := runAgent(t, env, "/x/agent.json", "enroll", "--server", "https://a.example"); r.code != exitUsage || !strings.Contains(r.stderr, "--token") {
		t.Errorf("enroll without a token: exit %d %s", r.code, r.stderr)
	}
	if r := runAgent(t, env, "/x/agent.json", "help"); r.code != 0 || !strings.Contains(r.stdout, "/x/agent.json") || !strings.Contains(r.stdout, "Exit codes") {
		t.Errorf("help: exit %d %s", r.code, r.stdout)
	}
	if r := runAgent(t, env, "", "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "assetronics-agent "+version.Version+" ") {
		t.Errorf("version: %q", r.stdout)
	}
}

func TestDryRunNeedsNoEnrollment(t *testing.T) {
	r := runAgent(t, quickEnv(t), filepath.Join(t.TempDir(), "absent.json"), "check-in", "--dry-run")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var p payload.CheckIn
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil || p.Hostname != "pc-042" || p.OS.Family != "linux" {
		t.Fatalf("dry-run printed %q (%v)", r.stdout, err)
	}
}
