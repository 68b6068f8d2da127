// Package root assembles factdesk's commands and turns their errors into messages and
// exit codes. Nothing below it prints an error or exits.
package root

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	accountscmd "github.com/factdesk/factdesk/tools/cli/accounts"
	auditcmd "github.com/factdesk/factdesk/tools/cli/audit"
	calendarcmd "github.com/factdesk/factdesk/tools/cli/calendar"
	checkcmd "github.com/factdesk/factdesk/tools/cli/check"
	citecmd "github.com/factdesk/factdesk/tools/cli/cite"
	doctorcmd "github.com/factdesk/factdesk/tools/cli/doctor"
	"github.com/factdesk/factdesk/tools/cli/factory"
	hookcmd "github.com/factdesk/factdesk/tools/cli/hook"
	ledgercmd "github.com/factdesk/factdesk/tools/cli/ledger"
	matchcmd "github.com/factdesk/factdesk/tools/cli/match"
	newcmd "github.com/factdesk/factdesk/tools/cli/new"
	observancescmd "github.com/factdesk/factdesk/tools/cli/observances"
	plancmd "github.com/factdesk/factdesk/tools/cli/plan"
	provenancecmd "github.com/factdesk/factdesk/tools/cli/provenance"
	publishcmd "github.com/factdesk/factdesk/tools/cli/publish"
	replycmd "github.com/factdesk/factdesk/tools/cli/reply"
	reviewcmd "github.com/factdesk/factdesk/tools/cli/review"
	searchindexcmd "github.com/factdesk/factdesk/tools/cli/searchindex"
	tierscmd "github.com/factdesk/factdesk/tools/cli/tiers"
	unpublishcmd "github.com/factdesk/factdesk/tools/cli/unpublish"
)

// NewCmdRoot returns the factdesk command with every subcommand.
func NewCmdRoot(f *factory.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "factdesk <command> [flags]",
		Short: "Check, plan and publish health fact-checks and campaign posts",
		Long: `factdesk checks the fact-checks and campaign posts in this repository, plans the
calendar around health observances, verifies clinician reviews and publishes due social copy.

Run it inside the repository, or pass --root.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	cmd.PersistentFlags().StringVar(&f.RootFlag, "root", "", "repository root (default: search upwards from the current folder)")
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &factory.UsageError{Msg: fmt.Sprintf("%v\nRun '%s --help' for usage.", err, c.CommandPath())}
	})
	cmd.AddCommand(
		calendarcmd.NewCmdCalendar(f, nil),
		checkcmd.NewCmdCheck(f, nil),
		citecmd.NewCmdCite(f, nil),
		newcmd.NewCmdNew(f, nil),
		observancescmd.NewCmdObservances(f, nil),
		plancmd.NewCmdPlan(f, nil),
		publishcmd.NewCmdPublish(f, nil),
		unpublishcmd.NewCmdUnpublish(f, nil),
		accountscmd.NewCmdAccounts(f, nil),
		ledgercmd.NewCmdLedger(f, nil),
		reviewcmd.NewCmdReview(f, nil),
		provenancecmd.NewCmdProvenance(f, nil),
		doctorcmd.NewCmdDoctor(f, nil),
		auditcmd.NewCmdAudit(f, nil),
		hookcmd.NewCmdHook(f, nil),
		matchcmd.NewCmdMatch(f, nil),
		replycmd.NewCmdReply(f, nil),
		tierscmd.NewCmdTiers(f, nil),
		searchindexcmd.NewCmdSearchIndex(f, nil),
	)
	return cmd
}

// Main runs factdesk with the process's arguments and returns the exit code.
func Main() (code int) {
	f := factory.New()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, f, os.Args[1:])
}

// Run executes the command line args and returns the exit code, printing any error.
// A panic in a command becomes a plain message and exit code 3: no Go stack trace ever
// reaches a user (set FACTDESK_DEBUG=1 to see it).
func Run(ctx context.Context, f *factory.Factory, args []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(f.IO.ErrOut, "factdesk: internal error: %v\nThis is a bug in factdesk, not in your content; please report it with the command you ran.\n", r)
			if f.Getenv != nil && f.Getenv("FACTDESK_DEBUG") != "" {
				fmt.Fprintln(f.IO.ErrOut, string(debug.Stack()))
			}
			code = 3
		}
	}()
	cmd := NewCmdRoot(f)
	cmd.SetArgs(args)
	cmd.SetIn(f.IO.In)
	cmd.SetOut(f.IO.Out)
	cmd.SetErr(f.IO.ErrOut)
	err := cmd.ExecuteContext(ctx)
	if err != nil && strings.HasPrefix(err.Error(), "unknown command") {
		// cobra reports a mistyped command as a plain error; it is a usage error (exit 2).
		err = &factory.UsageError{Msg: err.Error()}
	}
	if err != nil {
		printError(f, err)
	}
	return factory.ExitCode(err)
}

func printError(f *factory.Factory, err error) {
	var ee *factory.ExitError
	if errors.As(err, &ee) && ee.Err == nil {
		return
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command") {
		msg += "\nRun 'factdesk --help' for the list of commands."
	}
	if errors.Is(err, context.Canceled) {
		msg = "interrupted"
	}
	fmt.Fprintf(f.IO.ErrOut, "factdesk: %s\n", msg)
}
