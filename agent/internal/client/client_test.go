package client

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

type recorded struct {
	method, path, auth, userAgent, encoding, contentType string
	body                                                 map[string]interface{}
}

func server(t *testing.T, handler func(w http.ResponseWriter, r *recorded)) (*Client, *[]recorded) {
	t.Helper()
	var seen []recorded
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := recorded{
			method: r.Method, path: r.URL.Path, auth: r.Header.Get("Authorization"),
			userAgent: r.Header.Get("User-Agent"), encoding: r.Header.Get("Content-Encoding"),
			contentType: r.Header.Get("Content-Type"),
		}
		var reader io.Reader = r.Body
		if rec.encoding == "gzip" {
			zr, err := gzip.NewReader(r.Body)
			if err != nil {
				t.Errorf("body is not gzip: %v", err)
				return
			}
			reader = zr
		}
		if err := json.NewDecoder(reader).Decode(&rec.body); err != nil {
			t.Errorf("body is not JSON: %v", err)
		}
		seen = append(seen, rec)
		handler(w, &rec)
	}))
	t.Cleanup(srv.Close)
	c := New(srv.URL + "/")
	c.UserAgent = "assetronics-agent/9.9.9"
	return c, &seen
}

func reply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func TestEnrollSendsTheTokenAndReturnsTheCredential(t *testing.T) {
	c, seen := server(t, func(w http.ResponseWriter, r *recorded) {
		reply(w, 201, `{"deviceId":"d-1","credential":"dev_abc","checkInIntervalSeconds":900}`)
	})
	got, err := c.Enroll(context.Background(), "tok_1", Device{Hostname: "pc-042", Serial: "PF3ABC12", OS: "linux"})
	if err != nil {
		t.Fatal(err)
	}
	if got.DeviceID != "d-1" || got.Credential != "dev_abc" || got.CheckInIntervalSeconds != 900 {
		t.Fatalf("got %+v", got)
	}
	r := (*seen)[0]
	if r.method != "POST" || r.path != "/api/agent/v1/enroll" || r.auth != "" {
		t.Fatalf("request %+v", r)
	}
	if r.body["token"] != "tok_1" || r.body["device"].(map[string]interface{})["serial"] != "PF3ABC12" {
		t.Fatalf("body %+v", r.body)
	}
	if r.userAgent != "assetronics-agent/9.9.9" || r.contentType != "application/json" {
		t.Fatalf("headers %+v", r)
	}
}

func TestEnrollWithARevokedTokenExplainsWhy(t *testing.T) {
	c, _ := server(t, func(w http.ResponseWriter, r *recorded) {
		reply(w, 401, `{"error":{"code":"invalid_token","message":"This enrollment token was revoked."}}`)
	})
	_, err := c.Enroll(context.Background(), "tok_old", Device{Hostname: "pc"})
	if !IsUnauthorized(err) || !strings.Contains(err.Error(), "This enrollment token was revoked.") {
		t.Fatalf("got %v", err)
	}
}

func TestCheckInSendsTheBearerCredentialUncompressedWhenSmall(t *testing.T) {
	c, seen := server(t, func(w http.ResponseWriter, r *recorded) {
		reply(w, 200, `{"status":"ok","deviceId":"d-1","assetId":"a-7","changed":true,"nextCheckInSeconds":1800}`)
	})
	c.Credential = "dev_abc"
	got, err := c.CheckIn(context.Background(), map[string]string{"hostname": "pc-042"})
	if err != nil {
		t.Fatal(err)
	}
	if got.AssetID == nil || *got.AssetID != "a-7" || !got.Changed || got.NextCheckInSeconds != 1800 {
		t.Fatalf("got %+v", got)
	}
	r := (*seen)[0]
	if r.path != "/api/agent/v1/check-in" || r.auth != "Bearer dev_abc" || r.encoding != "" {
		t.Fatalf("request %+v", r)
	}
}

func TestCheckInGzipsLargeBodies(t *testing.T) {
	c, seen := server(t, func(w http.ResponseWriter, r *recorded) {
		reply(w, 200, `{"status":"ok","deviceId":"d-1","assetId":null,"changed":false,"nextCheckInSeconds":60}`)
	})
	software := make([]map[string]string, 400)
	for i := range software {
		software[i] = map[string]string{"name": "package-with-a-long-name", "version": "1.2.3-4", "source": "dpkg"}
	}
	got, err := c.CheckIn(context.Background(), map[string]interface{}{"software": software})
	if err != nil {
		t.Fatal(err)
	}
	if got.AssetID != nil {
		t.Fatalf("assetId %v, want null", *got.AssetID)
	}
	r := (*seen)[0]
	if r.encoding != "gzip" {
		t.Fatal("a body over 8 KB was sent without gzip")
	}
	if n := len(r.body["software"].([]interface{})); n != 400 {
		t.Fatalf("server decoded %d software entries", n)
	}
}

func TestCheckInWithARevokedCredentialIsUnauthorized(t *testing.T) {
	c, _ := server(t, func(w http.ResponseWriter, r *recorded) {
		reply(w, 401, `{"error":{"code":"invalid_credential","message":"Unknown or revoked device credential."}}`)
	})
	_, err := c.CheckIn(context.Background(), map[string]string{})
	if !IsUnauthorized(err) {
		t.Fatalf("got %v", err)
	}
	if _, ok := RetryAfter(err); ok {
		t.Fatal("a 401 is not a retry-after answer")
	}
}

func TestTooManyRequestsCarriesRetryAfter(t *testing.T) {
	c, _ := server(t, func(w http.ResponseWriter, r *recorded) {
		w.Header().Set("Retry-After", "42")
		reply(w, 429, `{"error":{"code":"rate_limited","message":"Slow down."}}`)
	})
	_, err := c.CheckIn(context.Background(), map[string]string{})
	wait, ok := RetryAfter(err)
	if !ok || wait != 42*time.Second {
		t.Fatalf("RetryAfter = %v, %v (err %v)", wait, ok, err)
	}
	if IsUnauthorized(err) || IsPermanent(err) {
		t.Fatal("429 misclassified")
	}
}

func TestServiceUnavailableWithAnHTTPDate(t *testing.T) {
	c, _ := server(t, func(w http.ResponseWriter, r *recorded) {
		w.Header().Set("Retry-After", time.Now().Add(2*time.Minute).UTC().Format(http.TimeFormat))
		w.WriteHeader(503)
	})
	_, err := c.CheckIn(context.Background(), map[string]string{})
	wait, ok := RetryAfter(err)
	if !ok || wait < 110*time.Second || wait > 121*time.Second {
		t.Fatalf("RetryAfter = %v, %v", wait, ok)
	}
}

func TestInvalidPayloadListsTheIssues(t *testing.T) {
	c, _ := server(t, func(w http.ResponseWriter, r *recorded) {
		reply(w, 422, `{"error":{"code":"invalid_payload","message":"The check-in is invalid.",
			"issues":[{"path":["hardware","memoryBytes"],"message":"Expected a number"},{"path":"hostname","message":"Required"}]}}`)
	})
	_, err := c.CheckIn(context.Background(), map[string]string{})
	if !IsPermanent(err) {
		t.Fatalf("422 not permanent: %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"422", "invalid_payload", "hardware.memoryBytes: Expected a number", "hostname: Required"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}

func TestAnHTMLErrorPageIsNotEchoed(t *testing.T) {
	c, _ := server(t, func(w http.ResponseWriter, r *recorded) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		io.WriteString(w, "<html><body>Bad gateway</body></html>")
	})
	_, err := c.CheckIn(context.Background(), map[string]string{})
	if err == nil || strings.Contains(err.Error(), "<html>") || !strings.Contains(err.Error(), "502") {
		t.Fatalf("got %v", err)
	}
}

func TestRotateReturnsTheNewCredential(t *testing.T) {
	c, seen := server(t, func(w http.ResponseWriter, r *recorded) {
		reply(w, 200, `{"credential":"dev_new"}`)
	})
	c.Credential = "dev_old"
	got, err := c.Rotate(context.Background())
	if err != nil || got != "dev_new" {
		t.Fatalf("got %q, %v", got, err)
	}
	if (*seen)[0].auth != "Bearer dev_old" || (*seen)[0].path != "/api/agent/v1/rotate" {
		t.Fatalf("request %+v", (*seen)[0])
	}
}

func TestUnreachableServerNamesTheServer(t *testing.T) {
	c := New("http://127.0.0.1:1")
	_, err := c.CheckIn(context.Background(), map[string]string{})
	if err == nil || !strings.Contains(err.Error(), "could not reach http://127.0.0.1:1") {
		t.Fatalf("got %v", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	cases := map[string]time.Duration{
		"":                              0,
		"0":                             0,
		"-5":                            0,
		"120":                           2 * time.Minute,
		"Sat, 05 Dec 2026 10:00:30 GMT": 30 * time.Second,
		"Sat, 05 Dec 2026 09:00:00 GMT": 0,
		"soon":                          0,
	}
	for in, want := range cases {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}
