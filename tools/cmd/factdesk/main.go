// Command factdesk checks, plans and publishes the health fact-checks and campaign posts
// of a factdesk repository. Run `factdesk --help` for its commands.
package main

import (
	"os"

	"github.com/factdesk/factdesk/tools/cli/root"
)

func main() {
	os.Exit(root.Main())
}
