package audit

import (
	"errors"

	"github.com/google/go-github/v60/github"
)

func asErrorResponse(err error, target **github.ErrorResponse) bool {
	return errors.As(err, target) && (*target).Response != nil
}
