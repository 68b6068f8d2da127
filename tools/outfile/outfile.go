// Package outfile writes the files factdesk's commands produce so that none is ever left
// half-written: each is written to a temporary file beside it and renamed into place
// whole. While it is being written the temporary file is registered, so that a command
// stopped by Ctrl-C or SIGTERM can remove it (RemovePending) before the process exits.
package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

var (
	mu      sync.Mutex
	pending = map[string]bool{}
)

// ErrExist is returned by CreateNew when the file already exists.
var ErrExist = fs.ErrExist

// WriteFile writes data to path, replacing it whole, as os.WriteFile would but never
// leaving a partly written file at path.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	defer done(tmp)
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// CreateNew writes data to path, which must not exist: it fails with an error matching
// ErrExist, and changes nothing, when it does.
func CreateNew(path string, data []byte, perm fs.FileMode) error {
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	defer done(tmp)
	defer os.Remove(tmp)
	// A hard link, unlike a rename, never replaces what is there.
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExist)
		}
		return err
	}
	return nil
}

func writeTemp(path string, data []byte, perm fs.FileMode) (string, error) {
	// Created and registered under the lock, so that RemovePending sees every one.
	mu.Lock()
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		mu.Unlock()
		return "", err
	}
	tmp := f.Name()
	pending[tmp] = true
	mu.Unlock()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		done(tmp)
		return "", err
	}
	return tmp, nil
}

func done(tmp string) {
	mu.Lock()
	delete(pending, tmp)
	mu.Unlock()
}

// RemovePending removes the temporary files of writes still under way. The process
// calls it when a signal stops a command, just before it exits; after it, no write
// completes.
func RemovePending() {
	mu.Lock() // held until exit: no write begins or completes after this
	for tmp := range pending {
		os.Remove(tmp)
		delete(pending, tmp)
	}
}
