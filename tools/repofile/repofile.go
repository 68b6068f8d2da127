// Package repofile reads files of the repository safely: only regular files inside the
// repository, and never more than a size limit. A careless or hostile contribution can
// hold a symbolic link to /dev/zero or to a file outside the repository, a FIFO named
// like a fact-check, a loop of links or a file of gigabytes; each is refused with an
// error that says which file and what to do, at once and in bounded memory.
package repofile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Default limits, in bytes; factdesk.yaml's limits section changes them.
const (
	DefaultContentLimit = 1 << 20  // a fact-check, post or other content file
	DefaultDataLimit    = 64 << 20 // a data file such as the ledger of published posts
)

// Error is a file that was not read. Reason says why and what to do.
type Error struct {
	Path   string
	Reason string
	// TooLarge is set when the file was refused for its size.
	TooLarge bool
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }

// Read returns the content of path, a file inside the repository root, reading at most
// limit bytes. It refuses, with an *Error, a path that is not a regular file (a FIFO, a
// device, a socket, a folder), a symbolic link that leads out of the repository or
// round in a loop, and a file larger than limit. rel names the file in messages.
func Read(root, path string, limit int64) ([]byte, error) {
	rel := path
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		rel = filepath.ToSlash(r)
	}
	fail := func(format string, args ...any) error {
		return &Error{Path: rel, Reason: fmt.Sprintf(format, args...)}
	}
	info, err := os.Lstat(path)
	if err != nil {
		return nil, err // a missing file is the caller's to explain
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fail("is a symbolic link to a file that does not exist; replace the link with the file itself")
			}
			return nil, fail("is a symbolic link that cannot be followed (a loop of links?); replace the link with the file itself")
		}
		realRoot, err := filepath.EvalSymlinks(root)
		if err != nil {
			realRoot = root
		}
		if r, err := filepath.Rel(realRoot, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) || filepath.IsAbs(r) {
			return nil, fail("is a symbolic link to a file outside the repository; factdesk reads only files inside it, so copy the file in instead")
		}
		if info, err = os.Stat(target); err != nil {
			return nil, fail("is a symbolic link that cannot be followed: %v", err)
		}
	}
	if !info.Mode().IsRegular() {
		return nil, fail("is not a regular file (%s); factdesk reads only ordinary files, so replace it with one or remove it", kind(info.Mode()))
	}
	if info.Size() > limit {
		return nil, tooLarge(rel, limit)
	}
	// O_NONBLOCK: should the file have been replaced by a FIFO since, opening it must
	// not wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fail("is not a regular file (%s); factdesk reads only ordinary files, so replace it with one or remove it", kind(info.Mode()))
	}
	src, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > limit {
		return nil, tooLarge(rel, limit)
	}
	return src, nil
}

// ReadLocal returns the content of path, a file of factdesk's own outside the
// repository (a cache, a session, a lock), reading at most limit bytes: it refuses, with
// an *Error, what is not a regular file once links are followed and a file larger than
// limit, so that a damaged or replaced file costs neither a hang nor unbounded memory.
func ReadLocal(path string, limit int64) ([]byte, error) {
	fail := func(format string, args ...any) error {
		return &Error{Path: path, Reason: fmt.Sprintf(format, args...)}
	}
	// O_NONBLOCK: opening a FIFO must not wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fail("is not a regular file (%s); remove it and factdesk will write a new one", kind(info.Mode()))
	}
	if info.Size() > limit {
		return nil, tooLargeLocal(path, limit)
	}
	src, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(src)) > limit {
		return nil, tooLargeLocal(path, limit)
	}
	return src, nil
}

func tooLargeLocal(path string, limit int64) error {
	return &Error{Path: path, TooLarge: true, Reason: fmt.Sprintf("is larger than the limit of %s for this file; remove it and factdesk will write a new one", Size(limit))}
}

func tooLarge(rel string, limit int64) error {
	return &Error{Path: rel, TooLarge: true, Reason: fmt.Sprintf("is larger than the limit of %s; split it, or raise limits in factdesk.yaml if it really must be this large", Size(limit))}
}

// Size formats n bytes for messages: "1 MB", "64 MB", "512 KB".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}
