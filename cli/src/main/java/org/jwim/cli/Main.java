package org.jwim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the jwim command line (wimlib-imagex-like). {@link #run} returns the exit code:
 * {@link #OK} when everything was done as asked, {@link #WARNINGS} when the command completed
 * but something was skipped or not written as stored (each named in a "jwim: warning:" line),
 * {@link #FAILED} when a command fails (one line "jwim: error: ..." on stderr, plus the stack
 * trace with {@code --debug}), {@link #USAGE} for a usage error. SIGINT and SIGTERM end a
 * job with 130 and 143 at its next consistent point (see {@link Interruption}).
 */
@Command(name = "jwim", mixinStandardHelpOptions = true, version = "jwim 0.1.0",
        description = "Capture, apply and inspect WIM images (wimlib-imagex-like).")
public final class Main implements Runnable {
    /** The subcommands, in the order --help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(CaptureCommand.class, CaptureDiskCommand.class,
            AppendCommand.class, ApplyCommand.class, ApplyDiskCommand.class, MakeDiskCommand.class,
            InfoCommand.class, DirCommand.class, ExtractCommand.class, VerifyCommand.class, ExportCommand.class,
            DeleteCommand.class, OptimizeCommand.class, SplitCommand.class, JoinCommand.class);
    /** The byte stream under the command's stdout writer, for file data ({@code extract --to-stdout}). */
    static final ThreadLocal<java.io.OutputStream> RAW_OUT = new ThreadLocal<>();

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int WARNINGS = 3;
    /** A command stopped by SIGINT (the JVM itself exits 143 for SIGTERM). */
    static final int INTERRUPTED = 130;

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    // both are taken out of the arguments by run(), wherever they stand; declared for --help
    @CommandLine.Option(names = "--debug", description = "With an error, also print its stack trace (any command).")
    boolean debugOption;

    @CommandLine.Option(names = "--progress", paramLabel = "MODE", description = "auto (a bar when stderr is a"
            + " terminal), bar, plain (a timestamped line every few seconds, for logs) or none (any command).")
    String progressOption;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        skipJnaSearchPath();
        System.exit(run(args));
    }

    /**
     * jwim binds only the C library through JNA, which on Linux JNA takes from the process itself.
     * Unless {@code jna.platform.library.path} is set, JNA's first use runs {@code ldconfig -p}
     * (a fork and exec of 10-30 ms, plus the JDK's process classes) to build a search path that
     * such a load never reads, at the start of every directory capture and apply. A path the
     * user sets is kept. Process-wide, so set here and not by the library, which leaves an
     * embedding application's JNA as it is.
     */
    static void skipJnaSearchPath() {
        if (System.getProperty(JNA_SEARCH_PATH) == null) {
            System.setProperty(JNA_SEARCH_PATH, "");
        }
    }

    static final String JNA_SEARCH_PATH = "jna.platform.library.path";

    /** Runs one command line with the process's stdout and stderr; returns the exit code. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /** Runs one command line printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        List<String> rest = new ArrayList<>();
        boolean debug = false;
        String progress = "auto";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--debug")) {
                debug = true;
            } else if (a.startsWith("--progress=")) {
                progress = a.substring("--progress=".length());
            } else if (a.equals("--progress") && i + 1 < args.length) {
                progress = args[++i];
            } else {
                rest.add(a);
            }
        }
        boolean showTrace = debug;
        PrintWriter o = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        ProgressPrinter.Mode mode;
        try {
            mode = ProgressPrinter.Mode.parse(progress);
        } catch (IllegalArgumentException x) {
            e.println("jwim: error: " + x.getMessage() + " (see 'jwim --help')");
            return USAGE;
        }
        RAW_OUT.set(out);
        CommandLine cl = new CommandLine(new Main());
        addCommands(cl, rest);
        cl.setExpandAtFiles(false); // @LISTFILE is extract's, as in wimlib, not picocli's argument file
        cl.registerConverter(java.nio.file.Path.class, org.jwim.net.NetPaths::parse); // smb://, http(s):// too
        cl.setExecutionStrategy(parsed -> NetOptions.execute(parsed, e));
        cl.setOut(o);
        cl.setErr(e);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(colours()));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            e.println("jwim: error: " + Errors.message(ex));
            if (showTrace) {
                ex.printStackTrace(e);
            }
            return FAILED;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            String sub = ex.getCommandLine().getCommandName();
            e.println("jwim: error: " + ex.getMessage()
                    + " (see 'jwim " + (sub.equals("jwim") ? "" : sub + " ") + "--help')");
            if (showTrace) {
                ex.printStackTrace(e);
            }
            return USAGE;
        });
        ProgressPrinter.mode(mode);
        try {
            return cl.execute(rest.toArray(new String[0]));
        } finally {
            ProgressPrinter.mode(ProgressPrinter.Mode.AUTO);
            RAW_OUT.remove();
            o.flush();
            e.flush();
        }
    }

    /**
     * Registers the subcommand the arguments name first alone when there is one, none for a
     * lone {@code --version}, else all of them: picocli builds each command's model by
     * reflection, about 0.2 s of CPU for all fifteen at every start, which a short run (info,
     * an unchanged --update-of, --version) would pay for nothing.
     */
    private static void addCommands(CommandLine cl, List<String> args) {
        String first = args.isEmpty() ? "" : args.get(0);
        if (args.size() == 1 && (first.equals("--version") || first.equals("-V"))) {
            return;
        }
        for (Class<?> c : COMMANDS) {
            if (c.getAnnotation(Command.class).name().equals(first)) {
                cl.addSubcommand(c);
                return;
            }
        }
        for (Class<?> c : COMMANDS) {
            cl.addSubcommand(c);
        }
    }

    /** No colours for a dumb terminal or with NO_COLOR set; else picocli's own choice. */
    private static CommandLine.Help.Ansi colours() {
        String term = System.getenv("TERM");
        boolean off = "dumb".equals(term) || System.getenv("NO_COLOR") != null;
        return off ? CommandLine.Help.Ansi.OFF : CommandLine.Help.Ansi.AUTO;
    }

    /** {@link #WARNINGS} if anything was skipped or not written as stored, else {@link #OK}. */
    static int exitCode(boolean warned) {
        return warned ? WARNINGS : OK;
    }
}
