package runner

import (
	"context"
	"errors"
	"math/rand"
	"testing"
	"time"

	"assetronics.dev/agent/internal/client"
)

func TestJitterStaysWithinTenPercent(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	d := time.Hour
	lo, hi := time.Duration(float64(d)*0.9), time.Duration(float64(d)*1.1)
	var sawLow, sawHigh bool
	for i := 0; i < 10000; i++ {
		j := Jitter(d, r)
		if j < lo || j > hi {
			t.Fatalf("Jitter(%s) = %s outside [%s, %s]", d, j, lo, hi)
		}
		sawLow = sawLow || j < d-5*time.Minute
		sawHigh = sawHigh || j > d+5*time.Minute
	}
	if !sawLow || !sawHigh {
		t.Fatal("jitter does not spread over both sides of the interval")
	}
}

func TestBackoffDoublesUpToTheCap(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	limit := 30 * time.Minute
	for failures := 1; failures <= 20; failures++ {
		want := BackoffBase << (failures - 1)
		if want > limit || want <= 0 {
			want = limit
		}
		for i := 0; i < 500; i++ {
			got := Backoff(failures, BackoffBase, limit, r)
			if got < want/2 || got > want {
				t.Fatalf("Backoff(%d) = %s outside [%s, %s]", failures, got, want/2, want)
			}
		}
	}
}

func TestClampInterval(t *testing.T) {
	if ClampInterval(time.Second) != MinInterval || ClampInterval(48*time.Hour) != MaxInterval ||
		ClampInterval(time.Hour) != time.Hour {
		t.Fatal("interval not clamped to [30s, 24h]")
	}
}

type step struct {
	res client.CheckInResponse
	err error
}

// runScript runs the loop over scripted answers and returns the waits it chose.
func runScript(t *testing.T, interval time.Duration, steps []step) ([]time.Duration, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var waits []time.Duration
	calls := 0
	loop := Loop{
		Interval: interval,
		Rand:     rand.New(rand.NewSource(3)),
		CheckIn: func(context.Context) (client.CheckInResponse, error) {
			s := steps[calls]
			calls++
			return s.res, s.err
		},
		Sleep: func(_ context.Context, d time.Duration) error {
			waits = append(waits, d)
			if len(waits) == len(steps) {
				cancel()
				return context.Canceled
			}
			return nil
		},
	}
	err := loop.Run(ctx)
	return waits, err
}

func within(d, target time.Duration, fraction float64) bool {
	return float64(d) >= float64(target)*(1-fraction) && float64(d) <= float64(target)*(1+fraction)
}

func TestLoopFollowsTheServersNextCheckIn(t *testing.T) {
	waits, err := runScript(t, time.Hour, []step{
		{res: client.CheckInResponse{Status: "ok", NextCheckInSeconds: 900}},
		{res: client.CheckInResponse{Status: "ok"}},
		{res: client.CheckInResponse{Status: "ok", NextCheckInSeconds: 5}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !within(waits[0], 15*time.Minute, 0.1) {
		t.Errorf("first wait %s, want ~15m from nextCheckInSeconds", waits[0])
	}
	if !within(waits[1], 15*time.Minute, 0.1) {
		t.Errorf("second wait %s, want the last interval the server gave", waits[1])
	}
	if !within(waits[2], MinInterval, 0.1) {
		t.Errorf("third wait %s, want the 30 s floor", waits[2])
	}
}

func TestLoopBacksOffOnFailuresAndResetsOnSuccess(t *testing.T) {
	down := errors.New("connection refused")
	waits, err := runScript(t, time.Hour, []step{
		{err: down}, {err: down}, {err: down},
		{res: client.CheckInResponse{Status: "ok"}},
		{err: down},
	})
	if err != nil {
		t.Fatal(err)
	}
	bounds := [][2]time.Duration{{15 * time.Second, 30 * time.Second}, {30 * time.Second, time.Minute}, {time.Minute, 2 * time.Minute}}
	for i, b := range bounds {
		if waits[i] < b[0] || waits[i] > b[1] {
			t.Errorf("wait after failure %d = %s, want within %v", i+1, waits[i], b)
		}
	}
	if !within(waits[3], time.Hour, 0.1) {
		t.Errorf("wait after success %s, want ~1h", waits[3])
	}
	if waits[4] > 30*time.Second {
		t.Errorf("backoff did not reset after a success: %s", waits[4])
	}
}

func TestLoopHonoursRetryAfter(t *testing.T) {
	waits, _ := runScript(t, time.Hour, []step{
		{err: &client.APIError{Status: 429, RetryAfter: 90 * time.Second}},
		{err: &client.APIError{Status: 503, RetryAfter: 10 * time.Minute}},
	})
	if waits[0] < 90*time.Second || waits[0] > 99*time.Second {
		t.Errorf("429 wait %s, want at least Retry-After 90s (+≤10%%)", waits[0])
	}
	if waits[1] < 10*time.Minute || waits[1] > 11*time.Minute {
		t.Errorf("503 wait %s, want at least Retry-After 10m", waits[1])
	}
}

func TestLoopWaitsAFullIntervalAfterARejectedPayload(t *testing.T) {
	waits, _ := runScript(t, 20*time.Minute, []step{
		{err: &client.APIError{Status: 422, Code: "invalid_payload"}},
	})
	if !within(waits[0], 20*time.Minute, 0.1) {
		t.Errorf("wait after 422 = %s, want the normal interval", waits[0])
	}
}

func TestLoopStopsWhenTheCredentialIsRevoked(t *testing.T) {
	waits, err := runScript(t, time.Hour, []step{
		{res: client.CheckInResponse{Status: "ok"}},
		{err: &client.APIError{Status: 401, Code: "invalid_credential"}},
		{res: client.CheckInResponse{Status: "ok"}},
	})
	if !errors.Is(err, ErrCredentialRejected) {
		t.Fatalf("got %v, want ErrCredentialRejected", err)
	}
	if len(waits) != 1 {
		t.Fatalf("loop kept going after a 401: %d waits", len(waits))
	}
}

func TestSummary(t *testing.T) {
	asset := "a-7"
	if got := Summary(client.CheckInResponse{DeviceID: "d-1", AssetID: &asset, Changed: true}); got != "device d-1, asset a-7, changes recorded" {
		t.Errorf("got %q", got)
	}
	if got := Summary(client.CheckInResponse{DeviceID: "d-1"}); got != "device d-1, not linked to an asset yet (awaiting review), nothing changed" {
		t.Errorf("got %q", got)
	}
}
