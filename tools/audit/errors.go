package audit

import (
	"errors"

	"github.com/factdesk/factdesk/tools/github"
)

func asErrorResponse(err error, target **github.ErrorResponse) bool {
	return errors.As(err, target) && (*target).Response != nil
}
