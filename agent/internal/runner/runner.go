// Package runner is the `run` loop: check in, wait a jittered interval, back off
// exponentially on failure, and honour the server's Retry-After.
package runner

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"time"

	"assetronics.dev/agent/internal/client"
)

const (
	// MinInterval matches the server's per-device rate limit (one check-in per 30 s).
	MinInterval = 30 * time.Second
	// MaxInterval keeps a device from going silent because of a bad server answer.
	MaxInterval = 24 * time.Hour
	// DefaultInterval applies when neither the server nor the config says otherwise.
	DefaultInterval = time.Hour
	// BackoffBase is the wait after the first failure; it doubles per failure.
	BackoffBase = 30 * time.Second
	// BackoffCap is the longest wait after failures (unless the interval is shorter).
	BackoffCap = 30 * time.Minute
	// JitterFraction spreads check-ins of a fleet by ±10 % so they do not arrive together.
	JitterFraction = 0.10
)

// ErrCredentialRejected stops the loop: retrying with a revoked credential is pointless.
var ErrCredentialRejected = errors.New("the server no longer accepts this device's credential; enroll again")

// ClampInterval keeps an interval within [MinInterval, MaxInterval].
func ClampInterval(d time.Duration) time.Duration {
	if d < MinInterval {
		return MinInterval
	}
	if d > MaxInterval {
		return MaxInterval
	}
	return d
}

// Jitter returns d spread uniformly over [d·(1-JitterFraction), d·(1+JitterFraction)].
func Jitter(d time.Duration, r *rand.Rand) time.Duration {
	spread := float64(d) * JitterFraction
	return time.Duration(float64(d) - spread + r.Float64()*2*spread)
}

// Backoff returns the wait after the given number of consecutive failures (1, 2, ...):
// base·2^(failures-1), capped, then jittered over its upper half so a fleet that
// failed together does not retry together.
func Backoff(failures int, base, limit time.Duration, r *rand.Rand) time.Duration {
	if failures < 1 {
		failures = 1
	}
	d := base
	for i := 1; i < failures && d < limit; i++ {
		d *= 2
	}
	if d > limit {
		d = limit
	}
	half := d / 2
	return half + time.Duration(r.Int63n(int64(half)+1))
}

// Loop checks in until its context ends or the credential is rejected.
type Loop struct {
	CheckIn  func(ctx context.Context) (client.CheckInResponse, error)
	Interval time.Duration                                    // from the config; 0 means DefaultInterval
	Sleep    func(ctx context.Context, d time.Duration) error // nil means a real timer
	Logf     func(format string, args ...interface{})
	Rand     *rand.Rand
}

// Run returns nil when ctx is cancelled and ErrCredentialRejected on a 401.
func (l *Loop) Run(ctx context.Context) error {
	r := l.Rand
	if r == nil {
		r = rand.New(rand.NewSource(time.Now().UnixNano()))
	}
	sleep := l.Sleep
	if sleep == nil {
		sleep = sleepContext
	}
	logf := l.Logf
	if logf == nil {
		logf = func(string, ...interface{}) {}
	}
	interval := l.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	interval = ClampInterval(interval)
	failures := 0
	for {
		res, err := l.CheckIn(ctx)
		if ctx.Err() != nil {
			return nil
		}
		var wait time.Duration
		switch {
		case err == nil:
			failures = 0
			if res.NextCheckInSeconds > 0 {
				interval = ClampInterval(time.Duration(res.NextCheckInSeconds) * time.Second)
			}
			wait = Jitter(interval, r)
			logf("checked in (%s); next check-in in %s", Summary(res), wait.Round(time.Second))
		case client.IsUnauthorized(err):
			return fmt.Errorf("%w (%v)", ErrCredentialRejected, err)
		case client.IsPermanent(err):
			// The server rejected this payload; sending it again soon would fail again.
			failures = 0
			wait = Jitter(interval, r)
			logf("check-in rejected: %v; trying again in %s", err, wait.Round(time.Second))
		default:
			failures++
			limit := BackoffCap
			if interval < limit {
				limit = interval
			}
			if limit < BackoffBase {
				limit = BackoffBase
			}
			wait = Backoff(failures, BackoffBase, limit, r)
			if after, ok := client.RetryAfter(err); ok && after > 0 {
				// The server said when; add a little jitter on top, never less.
				wait = after + time.Duration(r.Int63n(int64(after/10)+1))
			}
			logf("check-in failed (%d in a row): %v; retrying in %s", failures, err, wait.Round(time.Second))
		}
		if err := sleep(ctx, wait); err != nil {
			return nil
		}
	}
}

// Summary describes a check-in answer in a few words.
func Summary(res client.CheckInResponse) string {
	var linked string
	if res.AssetID != nil && *res.AssetID != "" {
		linked = "asset " + *res.AssetID
	} else {
		linked = "not linked to an asset yet (awaiting review)"
	}
	change := "nothing changed"
	if res.Changed {
		change = "changes recorded"
	}
	return fmt.Sprintf("device %s, %s, %s", res.DeviceID, linked, change)
}

func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
