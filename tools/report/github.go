package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/factdesk/factdesk/tools/check"
	"github.com/factdesk/factdesk/tools/content"
)

// GitHub writes each finding as a GitHub Actions workflow command, which the pull
// request shows beside the line: ::error file=PATH,line=N,col=N,title=RULE::MESSAGE.
// Errors become "error", warnings "warning" and notes "notice".
func GitHub(w io.Writer, fs []check.Finding) error {
	for _, f := range fs {
		cmd := "notice"
		switch f.Severity {
		case content.Error:
			cmd = "error"
		case content.Warning:
			cmd = "warning"
		}
		if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", cmd,
			escapeProperty(f.Path), max(f.Line, 1), max(f.Col, 1), escapeProperty(f.Rule), escapeData(f.Message)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message, as the Actions toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
