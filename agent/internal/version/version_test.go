package version

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestDefaultMatchesVersionFile(t *testing.T) {
	raw, err := os.ReadFile("../../VERSION")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.TrimSpace(string(raw))
	if Version != want {
		t.Fatalf("version.Version is %q but agent/VERSION says %q; keep them equal", Version, want)
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(want) {
		t.Fatalf("agent/VERSION %q is not a plain semantic version", want)
	}
	if UserAgent() != "assetronics-agent/"+want {
		t.Fatalf("user agent %q", UserAgent())
	}
}
