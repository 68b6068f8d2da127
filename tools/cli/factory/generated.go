package factory

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/factdesk/factdesk/tools/outfile"
	"github.com/factdesk/factdesk/tools/repofile"
)

// SyncGenerated keeps a generated data file (one the site reads, such as resolved
// observance dates or citation tiers) equal to want. With check it only compares,
// says which command refreshes the file, and exits 1 when it is out of date; otherwise
// it writes the file when it differs. rel is relative to the repository root.
func (f *Factory) SyncGenerated(rel string, want []byte, check bool, refresh string) error {
	root, err := f.Root()
	if err != nil {
		return err
	}
	path := filepath.Join(root, rel)
	have, err := repofile.Read(root, path, repofile.DefaultDataLimit)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return &ExitError{Code: 2, Err: fmt.Errorf("reading the generated file: %w; run: %s", err, refresh)}
	}
	same := bytes.Equal(have, want)
	if check {
		if !same {
			fmt.Fprintf(f.IO.ErrOut, "%s is out of date; run: %s\n", rel, refresh)
			return Silent(1)
		}
		fmt.Fprintf(f.IO.ErrOut, "%s is up to date\n", rel)
		return nil
	}
	if !same {
		if err := outfile.WriteFile(path, want, 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
	}
	return nil
}
