package org.jwim.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jwim.net.NetConfig;
import org.jwim.net.NetPaths;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Credentials and trust for WIMs given as {@code smb://}, {@code http://} or {@code https://}
 * URIs. A password or token is read from a file, the environment or a terminal prompt, never
 * taken from the command line, and never printed.
 */
final class NetOptions {
    static final String SMB_PASSWORD_ENV = "JWIM_SMB_PASSWORD";
    static final String HTTP_PASSWORD_ENV = "JWIM_HTTP_PASSWORD";
    static final String HTTP_TOKEN_ENV = "JWIM_HTTP_TOKEN";

    @Option(names = "--user", paramLabel = "[DOMAIN;]USER",
            description = "Account for an smb:// share or HTTP basic authentication (default: the URI's user).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the account's password from the first line of FILE (else from $" + SMB_PASSWORD_ENV
                    + " for SMB, $" + HTTP_PASSWORD_ENV + " for HTTP, else a terminal prompt).")
    Path passwordFile;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Send the HTTP bearer token in the first line of FILE (or $" + HTTP_TOKEN_ENV + ").")
    Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Also trust the CA certificates of this PEM file for https:// (besides the JDK's).")
    Path caFile;

    /** Configures the network paths named on this command line before it runs. */
    void configure(CommandLine.ParseResult parsed, PrintWriter err) throws IOException {
        boolean smb = false;
        boolean http = false;
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            for (String s : r.originalArgs()) {
                smb |= s.regionMatches(true, 0, "smb://", 0, 6);
                http |= s.regionMatches(true, 0, "http", 0, 4) && NetPaths.isRemote(s);
            }
        }
        if (!smb && !http) {
            return;
        }
        char[] password = passwordFile != null ? firstLine(passwordFile) : null;
        if (password == null) {
            String env = System.getenv(smb ? SMB_PASSWORD_ENV : HTTP_PASSWORD_ENV);
            password = env != null ? env.toCharArray() : null;
        }
        char[] token = tokenFile != null ? firstLine(tokenFile) : null;
        if (token == null && System.getenv(HTTP_TOKEN_ENV) != null) {
            token = System.getenv(HTTP_TOKEN_ENV).toCharArray();
        }
        Console console = System.console();
        if (password == null && (smb || user != null && token == null) && console != null) {
            password = console.readPassword("Password for %s: ", user != null ? user : "the share");
        }
        NetPaths.configure(new NetConfig(user, password, token, caFile, m -> err.println("jwim: warning: " + m)));
    }

    private static char[] firstLine(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        String s = new String(raw, StandardCharsets.UTF_8);
        Arrays.fill(raw, (byte) 0);
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).replace("\r", "");
        return line.toCharArray();
    }

    /**
     * Runs the parsed command after configuring the network paths with the command's
     * {@code NetOptions} (defaults when it has none), so that credentials are read only by
     * commands that name a network WIM.
     */
    static int execute(CommandLine.ParseResult parsed, PrintWriter err) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        NetOptions options = new NetOptions();
        for (CommandLine.Model.CommandSpec m : leaf.commandSpec().mixins().values()) {
            if (m.userObject() instanceof NetOptions n) {
                options = n;
            }
        }
        try {
            options.configure(parsed, err);
        } catch (IOException e) {
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), Errors.message(e), e);
        }
        // the logon to a share runs beside what the command does before it needs the share
        for (CommandLine.Model.ArgSpec a : leaf.matchedArgs()) {
            if (a.getValue() instanceof Path p) {
                NetPaths.connectAhead(p);
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }
}
