package citation

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/factdesk/factdesk/tools/repofile"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Cache keeps answers between runs in one JSON file, each with its own expiry: long for
// a resolved DOI, short for a failure. CI keeps the file between runs.
type Cache struct {
	path string
	now  func() time.Time

	mu      sync.Mutex
	entries map[string]cacheEntry
	dirty   bool
}

type cacheEntry struct {
	Expires time.Time       `json:"expires"`
	Value   json.RawMessage `json:"value"`
}

// CacheVersion changes when the shape of cached values does; older files are ignored.
const CacheVersion = 1

type cacheFile struct {
	Version int                   `json:"version"`
	Entries map[string]cacheEntry `json:"entries"`
}

// OpenCache reads the cache at path. A missing file is an empty cache; an unreadable
// one is set aside as empty too, since everything in it can be fetched again.
func OpenCache(path string, now func() time.Time) *Cache {
	if now == nil {
		now = time.Now
	}
	c := &Cache{path: path, now: now, entries: map[string]cacheEntry{}}
	if path == "" {
		return c
	}
	data, err := repofile.ReadLocal(path, repofile.DefaultDataLimit) // one past it is set aside too
	if err != nil {
		return c
	}
	var f cacheFile
	if json.Unmarshal(data, &f) == nil && f.Version == CacheVersion && f.Entries != nil {
		c.entries = f.Entries
	}
	return c
}

// Get decodes the unexpired value under key into v and reports whether there was one.
func (c *Cache) Get(key string, v any) bool {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if !ok || !c.now().Before(e.Expires) {
		return false
	}
	return json.Unmarshal(e.Value, v) == nil
}

// Put keeps v under key for ttl.
func (c *Cache) Put(key string, v any, ttl time.Duration) {
	if ttl <= 0 {
		return
	}
	data, err := json.Marshal(v)
	if err != nil {
		return
	}
	c.mu.Lock()
	c.entries[key] = cacheEntry{Expires: c.now().Add(ttl), Value: data}
	c.dirty = true
	c.mu.Unlock()
}

// Len returns the number of entries, expired or not.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Save writes the unexpired entries back, atomically.
func (c *Cache) Save() error {
	if c.path == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	now := c.now()
	keep := make(map[string]cacheEntry, len(c.entries))
	for k, e := range c.entries {
		if now.Before(e.Expires) {
			keep[k] = e
		}
	}
	data, err := json.Marshal(cacheFile{Version: CacheVersion, Entries: keep})
	if err != nil {
		return fmt.Errorf("encoding the citation cache: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return fmt.Errorf("creating the cache folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), ".citations-*.json")
	if err != nil {
		return fmt.Errorf("writing the citation cache: %w", err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the citation cache: %w", err)
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the citation cache: %w", err)
	}
	c.dirty = false
	return nil
}
