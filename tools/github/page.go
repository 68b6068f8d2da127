package github

import gogithub "github.com/google/go-github/v60/github"

// PerPage is the page size asked of every list endpoint (GitHub's largest).
const PerPage = 100

// Page lists one page of a list endpoint; page 0 is the first.
type Page[T any] func(page int) ([]T, *gogithub.Response, error)

// Each calls visit on every item of every page, in order, until visit returns false or
// GitHub has no next page. It stops on an empty page, which GitHub sends when a
// listing was cut short.
func Each[T any](list Page[T], visit func(T) bool) error {
	for page := 0; ; {
		items, resp, err := list(page)
		if err != nil {
			return err
		}
		for _, it := range items {
			if !visit(it) {
				return nil
			}
		}
		if resp == nil || resp.NextPage == 0 || len(items) == 0 {
			return nil
		}
		page = resp.NextPage
	}
}

// All returns the items of every page.
func All[T any](list Page[T]) ([]T, error) {
	var all []T
	err := Each(list, func(t T) bool { all = append(all, t); return true })
	return all, err
}

// list reads every page of a list endpoint that takes ListOptions; doing says what
// failed, for people.
func list[T any](doing string, call func(opt *gogithub.ListOptions) ([]T, *gogithub.Response, error)) ([]T, error) {
	opt := &gogithub.ListOptions{PerPage: PerPage}
	all, err := All(func(page int) ([]T, *gogithub.Response, error) {
		opt.Page = page
		return call(opt)
	})
	if err != nil {
		return nil, apiError(doing, err)
	}
	return all, nil
}
