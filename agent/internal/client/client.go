// Package client speaks the agent HTTP API (/api/agent/v1/*): JSON bodies,
// gzip for large ones, timeouts, and errors that say what the server answered.
package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"assetronics.dev/agent/internal/version"
)

// GzipThreshold is the body size above which requests are gzip-compressed.
const GzipThreshold = 8 * 1024

// maxResponse caps how much of a response the agent reads.
const maxResponse = 1 << 20

// Client calls one Assetronics server.
type Client struct {
	BaseURL    string // e.g. https://assets.example.com, without a trailing slash
	HTTP       *http.Client
	UserAgent  string
	Credential string // the device credential, for check-in and rotate
}

// New returns a client with sensible timeouts.
func New(baseURL string) *Client {
	return &Client{
		BaseURL:   strings.TrimRight(baseURL, "/"),
		HTTP:      &http.Client{Timeout: 60 * time.Second},
		UserAgent: version.UserAgent(),
	}
}

// Issue is one field-level problem the server found in a payload.
type Issue struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// UnmarshalJSON accepts a path given as a string or as an array of segments.
func (i *Issue) UnmarshalJSON(data []byte) error {
	var raw struct {
		Path    json.RawMessage `json:"path"`
		Message string          `json:"message"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	i.Message = raw.Message
	var s string
	if json.Unmarshal(raw.Path, &s) == nil {
		i.Path = s
		return nil
	}
	var parts []interface{}
	if json.Unmarshal(raw.Path, &parts) == nil {
		segs := make([]string, len(parts))
		for n, p := range parts {
			segs[n] = fmt.Sprint(p)
		}
		i.Path = strings.Join(segs, ".")
	}
	return nil
}

// APIError is a non-2xx answer from the server.
type APIError struct {
	Status     int
	Code       string
	Message    string
	Issues     []Issue
	RetryAfter time.Duration // from a Retry-After header, 0 when absent
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "server answered %d", e.Status)
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	fmt.Fprintf(&b, ": %s", msg)
	for _, is := range e.Issues {
		fmt.Fprintf(&b, "\n  %s: %s", is.Path, is.Message)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// IsUnauthorized reports whether err means the server no longer accepts the credential.
func IsUnauthorized(err error) bool {
	var api *APIError
	return errors.As(err, &api) && api.Status == http.StatusUnauthorized
}

// RetryAfter returns the server's Retry-After for a 429 or 503, if any.
func RetryAfter(err error) (time.Duration, bool) {
	var api *APIError
	if errors.As(err, &api) && (api.Status == http.StatusTooManyRequests || api.Status == http.StatusServiceUnavailable) {
		return api.RetryAfter, true
	}
	return 0, false
}

// IsPermanent reports errors that retrying the same payload soon will not fix
// (the server rejected the payload itself).
func IsPermanent(err error) bool {
	var api *APIError
	return errors.As(err, &api) &&
		(api.Status == http.StatusRequestEntityTooLarge || api.Status == http.StatusUnprocessableEntity ||
			api.Status == http.StatusBadRequest || api.Status == http.StatusUnsupportedMediaType)
}

// Device describes the machine at enrollment.
type Device struct {
	Hostname string `json:"hostname"`
	Serial   string `json:"serial,omitempty"`
	OS       string `json:"os,omitempty"`
}

// EnrollResponse is the answer to POST /enroll.
type EnrollResponse struct {
	DeviceID               string `json:"deviceId"`
	Credential             string `json:"credential"`
	CheckInIntervalSeconds int    `json:"checkInIntervalSeconds"`
}

// CheckInResponse is the answer to POST /check-in.
type CheckInResponse struct {
	Status             string  `json:"status"`
	DeviceID           string  `json:"deviceId"`
	AssetID            *string `json:"assetId"`
	Changed            bool    `json:"changed"`
	NextCheckInSeconds int     `json:"nextCheckInSeconds"`
}

// Enroll exchanges an enrollment token for a device credential.
func (c *Client) Enroll(ctx context.Context, token string, device Device) (EnrollResponse, error) {
	var out EnrollResponse
	body := map[string]interface{}{"token": token, "device": device}
	if err := c.post(ctx, "/api/agent/v1/enroll", false, body, &out); err != nil {
		return out, err
	}
	if out.DeviceID == "" || out.Credential == "" {
		return out, errors.New("the server's enrollment answer has no deviceId or credential")
	}
	return out, nil
}

// CheckIn sends one check-in payload.
func (c *Client) CheckIn(ctx context.Context, payload interface{}) (CheckInResponse, error) {
	var out CheckInResponse
	err := c.post(ctx, "/api/agent/v1/check-in", true, payload, &out)
	return out, err
}

// Rotate asks for a new credential; the old one stops working.
func (c *Client) Rotate(ctx context.Context) (string, error) {
	var out struct {
		Credential string `json:"credential"`
	}
	if err := c.post(ctx, "/api/agent/v1/rotate", true, struct{}{}, &out); err != nil {
		return "", err
	}
	if out.Credential == "" {
		return "", errors.New("the server's rotate answer has no credential")
	}
	return out.Credential, nil
}

func (c *Client) post(ctx context.Context, path string, authed bool, in, out interface{}) error {
	raw, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("encode request: %w", err)
	}
	var body io.Reader = bytes.NewReader(raw)
	gzipped := len(raw) > GzipThreshold
	if gzipped {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if _, err := zw.Write(raw); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		body = &buf
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.BaseURL+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.UserAgent)
	if gzipped {
		req.Header.Set("Content-Encoding", "gzip")
	}
	if authed {
		req.Header.Set("Authorization", "Bearer "+c.Credential)
	}
	httpClient := c.HTTP
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	res, err := httpClient.Do(req)
	if err != nil {
		return fmt.Errorf("could not reach %s: %w", c.BaseURL, err)
	}
	defer res.Body.Close()
	resBody, err := io.ReadAll(io.LimitReader(res.Body, maxResponse))
	if err != nil {
		return fmt.Errorf("read the answer from %s: %w", c.BaseURL, err)
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return decodeError(res, resBody)
	}
	if err := json.Unmarshal(resBody, out); err != nil {
		return fmt.Errorf("the server answered %d with something that is not the expected JSON: %s",
			res.StatusCode, snippet(resBody))
	}
	return nil
}

func decodeError(res *http.Response, body []byte) error {
	apiErr := &APIError{Status: res.StatusCode, RetryAfter: parseRetryAfter(res.Header.Get("Retry-After"), time.Now())}
	var envelope struct {
		Error struct {
			Code    string  `json:"code"`
			Message string  `json:"message"`
			Issues  []Issue `json:"issues"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &envelope) == nil && (envelope.Error.Code != "" || envelope.Error.Message != "") {
		apiErr.Code = envelope.Error.Code
		apiErr.Message = envelope.Error.Message
		apiErr.Issues = envelope.Error.Issues
	} else if len(bytes.TrimSpace(body)) > 0 && !strings.Contains(res.Header.Get("Content-Type"), "html") {
		apiErr.Message = snippet(body)
	}
	return apiErr
}

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if secs, err := strconv.Atoi(value); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil {
		if d := at.Sub(now); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
}

func snippet(b []byte) string {
	s := strings.TrimSpace(string(b))
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}
