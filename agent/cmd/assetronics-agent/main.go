// Command assetronics-agent reports a device's hardware and software to
// Assetronics: enroll once with a token, then check in on a schedule.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"assetronics.dev/agent/internal/client"
	"assetronics.dev/agent/internal/collect"
	"assetronics.dev/agent/internal/config"
	"assetronics.dev/agent/internal/payload"
	"assetronics.dev/agent/internal/runner"
	"assetronics.dev/agent/internal/version"
)

// Exit codes, also listed in the usage text.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitNotEnrolled = 3
	exitRejected    = 4
)

const usage = `assetronics-agent reports this device's hardware and software to Assetronics.

Usage:
  assetronics-agent [--config PATH] <command> [flags]

Commands:
  enroll --server URL --token TOKEN [--force]
        Exchange an enrollment token (from Settings > Agent) for this device's
        credential and save it to the config file, readable by its owner only.
  check-in [--dry-run]
        Collect this machine's facts and send one check-in. With --dry-run, print
        the JSON that would be sent and send nothing (no enrollment needed).
  run   Check in now and then repeatedly, at the interval the server asks for,
        backing off when it cannot be reached. This is what the service runs.
  rotate
        Replace this device's credential with a new one; the old one stops working.
  version
        Print the agent's version.

Flags:
  --config PATH   the config file (default: %s)

Exit codes:
  0 success   1 failed (server unreachable or check-in rejected)   2 usage error
  3 not enrolled yet   4 the server no longer accepts this device's credential
`

// app carries everything a command touches, so tests can replace it.
type app struct {
	stdout, stderr io.Writer
	env            collect.Env
	configPath     string
	httpClient     *http.Client
	sleep          func(ctx context.Context, d time.Duration) error
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &app{stdout: os.Stdout, stderr: os.Stderr, env: collect.System(), configPath: config.DefaultPath()}
	os.Exit(a.main(ctx, os.Args[1:]))
}

func (a *app) main(ctx context.Context, args []string) int {
	rest, err := a.globalFlags(args)
	if err != nil {
		return a.usageError(err.Error())
	}
	if len(rest) == 0 {
		a.printUsage(a.stderr)
		return exitUsage
	}
	command, rest := rest[0], rest[1:]
	switch command {
	case "enroll":
		return a.enroll(ctx, rest)
	case "check-in", "checkin":
		return a.checkIn(ctx, rest)
	case "run":
		return a.run(ctx, rest)
	case "rotate":
		return a.rotate(ctx, rest)
	case "version", "--version", "-v":
		fmt.Fprintf(a.stdout, "assetronics-agent %s (%s %s/%s)\n", version.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return exitOK
	case "help", "--help", "-h", "-help":
		a.printUsage(a.stdout)
		return exitOK
	default:
		return a.usageError(fmt.Sprintf("unknown command %q", command))
	}
}

// globalFlags takes --config before the command.
func (a *app) globalFlags(args []string) ([]string, error) {
	for len(args) > 0 {
		arg := args[0]
		switch {
		case arg == "--config" || arg == "-config":
			if len(args) < 2 {
				return nil, errors.New("--config needs a path")
			}
			a.configPath, args = args[1], args[2:]
		case strings.HasPrefix(arg, "--config=") || strings.HasPrefix(arg, "-config="):
			a.configPath = arg[strings.IndexByte(arg, '=')+1:]
			args = args[1:]
		default:
			return args, nil
		}
	}
	return args, nil
}

func (a *app) printUsage(w io.Writer) { fmt.Fprintf(w, usage, a.configPath) }

func (a *app) usageError(msg string) int {
	fmt.Fprintf(a.stderr, "assetronics-agent: %s\n\n", msg)
	a.printUsage(a.stderr)
	return exitUsage
}

// flags makes a command's flag set, which also accepts --config after the command.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&a.configPath, "config", a.configPath, "the config file")
	return fs
}

func (a *app) parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			a.printUsage(a.stdout)
			return exitOK, false
		}
		return a.usageError(err.Error()), false
	}
	if fs.NArg() > 0 {
		return a.usageError(fmt.Sprintf("%s takes no arguments, got %q", fs.Name(), fs.Args())), false
	}
	return 0, true
}

func (a *app) client(server string) *client.Client {
	c := client.New(server)
	if a.httpClient != nil {
		c.HTTP = a.httpClient
	}
	return c
}

func (a *app) loadConfig() (config.Config, int, bool) {
	cfg, warning, err := config.Load(a.configPath)
	if errors.Is(err, config.ErrNotEnrolled) {
		fmt.Fprintf(a.stderr, "assetronics-agent: this device is not enrolled yet (no %s).\n"+
			"Enroll it with: assetronics-agent enroll --server URL --token TOKEN\n", a.configPath)
		return cfg, exitNotEnrolled, false
	}
	if err != nil {
		fmt.Fprintf(a.stderr, "assetronics-agent: %v\n", err)
		return cfg, exitFailure, false
	}
	if warning != "" {
		fmt.Fprintf(a.stderr, "warning: %s\n", warning)
	}
	return cfg, 0, true
}

func (a *app) enroll(ctx context.Context, args []string) int {
	fs := a.flags("enroll")
	server := fs.String("server", "", "")
	token := fs.String("token", "", "")
	force := fs.Bool("force", false, "")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if *server == "" || *token == "" {
		return a.usageError("enroll needs --server URL and --token TOKEN (create a token in Settings > Agent)")
	}
	base, err := config.NormalizeServer(*server)
	if err != nil {
		return a.usageError(err.Error())
	}
	if existing, _, err := config.Load(a.configPath); err == nil && !*force {
		fmt.Fprintf(a.stderr, "assetronics-agent: this device is already enrolled with %s as device %s (%s).\n"+
			"Pass --force to replace that enrollment.\n", existing.Server, existing.DeviceID, a.configPath)
		return exitUsage
	}
	if strings.HasPrefix(base, "http://") && !isLoopback(base) {
		fmt.Fprintf(a.stderr, "warning: %s is plain HTTP; the credential will cross the network unencrypted\n", base)
	}

	id := collect.Identity(ctx, a.env)
	res, err := a.client(base).Enroll(ctx, *token, client.Device{Hostname: id.Hostname, Serial: id.Serial, OS: id.OS})
	if err != nil {
		if client.IsUnauthorized(err) {
			fmt.Fprintf(a.stderr, "assetronics-agent: the enrollment token was not accepted (%v).\n"+
				"Create a new token in Settings > Agent and try again.\n", err)
			return exitRejected
		}
		fmt.Fprintf(a.stderr, "assetronics-agent: enrollment failed: %v\n", err)
		return exitFailure
	}
	cfg := config.Config{Server: base, DeviceID: res.DeviceID, Credential: res.Credential, IntervalSeconds: res.CheckInIntervalSeconds}
	if err := config.Save(a.configPath, cfg); err != nil {
		fmt.Fprintf(a.stderr, "assetronics-agent: enrolled as device %s but could not save the credential: %v\n"+
			"Fix the problem and enroll again with a new token; revoke device %s in Settings > Agent.\n",
			res.DeviceID, err, res.DeviceID)
		return exitFailure
	}
	fmt.Fprintf(a.stdout, "Enrolled %s with %s as device %s.\n", id.Hostname, base, res.DeviceID)
	fmt.Fprintf(a.stdout, "Saved the device credential to %s (readable by its owner only).\n", a.configPath)
	if res.CheckInIntervalSeconds > 0 {
		fmt.Fprintf(a.stdout, "The server asks for a check-in every %s.\n", time.Duration(res.CheckInIntervalSeconds)*time.Second)
	}
	fmt.Fprintln(a.stdout, "Next: `assetronics-agent check-in` checks in now; `assetronics-agent run` (or the service) keeps checking in.")
	return exitOK
}

func isLoopback(base string) bool {
	host := strings.TrimPrefix(base, "http://")
	return strings.HasPrefix(host, "localhost") || strings.HasPrefix(host, "127.") || strings.HasPrefix(host, "[::1]")
}

func (a *app) checkIn(ctx context.Context, args []string) int {
	fs := a.flags("check-in")
	dryRun := fs.Bool("dry-run", false, "")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	if *dryRun {
		p := collect.Collect(ctx, a.env)
		out, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			fmt.Fprintf(a.stderr, "assetronics-agent: %v\n", err)
			return exitFailure
		}
		fmt.Fprintln(a.stdout, string(out))
		return exitOK
	}
	cfg, code, ok := a.loadConfig()
	if !ok {
		return code
	}
	p := collect.Collect(ctx, a.env)
	for _, e := range p.Errors {
		fmt.Fprintf(a.stderr, "note: %s: %s\n", e.Collector, e.Message)
	}
	c := a.client(cfg.Server)
	c.Credential = cfg.Credential
	res, err := send(ctx, c, &p)
	switch {
	case err == nil:
		next := ""
		if res.NextCheckInSeconds > 0 {
			next = fmt.Sprintf("; next check-in in %s", time.Duration(res.NextCheckInSeconds)*time.Second)
		}
		software := "software unknown"
		if p.Software != nil {
			software = fmt.Sprintf("%d software packages", len(p.Software))
		}
		fmt.Fprintf(a.stdout, "Checked in %s (%s): %s%s\n", p.Hostname, software, runner.Summary(res), next)
		return exitOK
	case client.IsUnauthorized(err):
		a.credentialRejected(cfg, err)
		return exitRejected
	default:
		if wait, ok := client.RetryAfter(err); ok && wait > 0 {
			fmt.Fprintf(a.stderr, "assetronics-agent: the server is busy; it asks to wait %s before the next check-in (%v)\n", wait, err)
			return exitFailure
		}
		fmt.Fprintf(a.stderr, "assetronics-agent: check-in failed: %v\n", err)
		return exitFailure
	}
}

// send posts a check-in. When the server finds it too large (413), it is sent once
// more without the software list, so hardware facts and last-seen still arrive.
func send(ctx context.Context, c *client.Client, p *payload.CheckIn) (client.CheckInResponse, error) {
	res, err := c.CheckIn(ctx, p)
	var api *client.APIError
	if err == nil || !errors.As(err, &api) || api.Status != http.StatusRequestEntityTooLarge || p.Software == nil {
		return res, err
	}
	p.Errors = append(p.Errors, payload.CollectorError{
		Collector: "software",
		Message:   fmt.Sprintf("%d packages made the check-in larger than the server accepts; sent without software", len(p.Software)),
	})
	p.Software = nil
	return c.CheckIn(ctx, p)
}

func (a *app) credentialRejected(cfg config.Config, err error) {
	fmt.Fprintf(a.stderr, "assetronics-agent: %v (device %s, %v).\n"+
		"Create a token in Settings > Agent and run: assetronics-agent enroll --server %s --token TOKEN --force\n",
		runner.ErrCredentialRejected, cfg.DeviceID, err, cfg.Server)
}

func (a *app) run(ctx context.Context, args []string) int {
	fs := a.flags("run")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	cfg, code, ok := a.loadConfig()
	if !ok {
		return code
	}
	// Under systemd the journal adds timestamps; on a terminal, print them.
	flags := log.LstdFlags
	if os.Getenv("JOURNAL_STREAM") != "" {
		flags = 0
	}
	logger := log.New(a.stderr, "", flags)
	c := a.client(cfg.Server)
	c.Credential = cfg.Credential
	logger.Printf("assetronics-agent %s checking in to %s as device %s", version.Version, cfg.Server, cfg.DeviceID)
	loop := runner.Loop{
		Interval: time.Duration(cfg.IntervalSeconds) * time.Second,
		Sleep:    a.sleep,
		Logf:     logger.Printf,
		CheckIn: func(ctx context.Context) (client.CheckInResponse, error) {
			p := collect.Collect(ctx, a.env)
			for _, e := range p.Errors {
				logger.Printf("note: %s: %s", e.Collector, e.Message)
			}
			return send(ctx, c, &p)
		},
	}
	if err := loop.Run(ctx); err != nil {
		if errors.Is(err, runner.ErrCredentialRejected) {
			a.credentialRejected(cfg, errors.Unwrap(err))
			return exitRejected
		}
		logger.Printf("stopped: %v", err)
		return exitFailure
	}
	logger.Printf("stopped")
	return exitOK
}

func (a *app) rotate(ctx context.Context, args []string) int {
	fs := a.flags("rotate")
	if code, ok := a.parse(fs, args); !ok {
		return code
	}
	cfg, code, ok := a.loadConfig()
	if !ok {
		return code
	}
	c := a.client(cfg.Server)
	c.Credential = cfg.Credential
	credential, err := c.Rotate(ctx)
	if err != nil {
		if client.IsUnauthorized(err) {
			a.credentialRejected(cfg, err)
			return exitRejected
		}
		fmt.Fprintf(a.stderr, "assetronics-agent: rotation failed, the old credential still works: %v\n", err)
		return exitFailure
	}
	cfg.Credential = credential
	if err := config.Save(a.configPath, cfg); err != nil {
		fmt.Fprintf(a.stderr, "assetronics-agent: the server issued a new credential but it could not be saved: %v\n"+
			"The old credential no longer works; enroll this device again.\n", err)
		return exitFailure
	}
	fmt.Fprintf(a.stdout, "Rotated the credential of device %s; saved it to %s.\n", cfg.DeviceID, a.configPath)
	return exitOK
}
