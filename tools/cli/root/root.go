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
	"time"

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
	"github.com/factdesk/factdesk/tools/outfile"
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

// Grace is how long a command has, once Ctrl-C or SIGTERM cancelled its context, to
// return by itself (publish records the sends in flight in it) before factdesk stops it.
const Grace = 700 * time.Millisecond

// Main runs factdesk with the process's arguments and returns the exit code.
//
// Ctrl-C (SIGINT) and SIGTERM cancel the command's context at once. The command has
// Grace to return; then, or at a second signal, factdesk removes every output file still
// being written (outfile), says so, and exits with 130 or 143, as shells do for a
// command a signal ended. The command's own result no longer counts.
func Main() (code int) {
	f := factory.New()
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	catching()
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	done := make(chan int, 1)
	go func() { done <- Run(ctx, f, os.Args[1:]) }()
	select {
	case code := <-done:
		return code
	case sig := <-sigs:
		return interrupted(f, sig, cancel, done, sigs)
	}
}

// interrupted stops the command after sig and returns the exit code.
func interrupted(f *factory.Factory, sig os.Signal, cancel context.CancelCauseFunc, done <-chan int, sigs <-chan os.Signal) int {
	code, name := 130, "Ctrl-C (SIGINT)"
	if sig == syscall.SIGTERM {
		code, name = 143, "SIGTERM"
	}
	cancel(&Interrupted{Signal: name})
	select {
	case <-done:
	case <-time.After(Grace):
	case <-sigs:
	}
	outfile.RemovePending()
	fmt.Fprintf(f.IO.ErrOut, "factdesk: stopped by %s; no output file was left half-written\n", name)
	return code
}

// catching is called once Main catches the signals; tests replace it to know when.
var catching = func() {}

// Interrupted is the cause of a command's context cancelled by a signal.
type Interrupted struct{ Signal string }

func (e *Interrupted) Error() string { return "stopped by " + e.Signal }

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
		return // Main says which signal stopped the command
	}
	fmt.Fprintf(f.IO.ErrOut, "factdesk: %s\n", msg)
}
