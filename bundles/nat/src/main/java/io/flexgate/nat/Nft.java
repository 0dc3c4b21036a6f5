package io.flexgate.nat;

import io.flexgate.api.nat.NatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code nft} as an argument array, never through a shell. Scripts go to {@code nft -f -} on standard
 * input, which nft applies as one transaction. The command may carry a prefix ({@code ip netns exec NS nft})
 * so that tests work in a namespace of their own.
 */
final class Nft {

    /** How long one nft run may take before it is killed. */
    static final long TIMEOUT_SECONDS = 10;
    /** How much of nft's output is kept (and shown in errors). */
    static final int MAX_OUTPUT_BYTES = 64 * 1024;

    private final List<String> command;

    Nft(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the nft command is empty");
        }
        this.command = List.copyOf(command);
    }

    /** Applies a script atomically. */
    void apply(String script) throws NatException {
        run(script, "-f", "-");
    }

    /** {@code nft list table FAMILY NAME}: the table as nft prints it. */
    String listTable(String family, String table) throws NatException {
        return run("", "list", "table", family, table);
    }

    private String run(String input, String... arguments) throws NatException {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(List.of(arguments));
        String commandLine = String.join(" ", argv);
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new NatException("cannot run " + command.get(0) + " (" + e.getMessage()
                    + "); install nftables (apt-get install nftables) or set nft.command", e);
        }
        // A thread of its own reads the output, so that a hung nft cannot outlast the timeout and a long
        // listing cannot fill the pipe while we wait.
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread reader = new Thread(() -> drain(process.getInputStream(), output), "nft-output");
        reader.setDaemon(true);
        reader.start();
        try {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NatException(commandLine + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String text = output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).trim();
            if (process.exitValue() != 0) {
                throw new NatException(commandLine + " failed (exit " + process.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new NatException(commandLine + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NatException(commandLine + " interrupted", e);
        }
    }

    private static void drain(InputStream in, CompletableFuture<String> output) {
        try (in) {
            String text = new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
            in.transferTo(OutputStream.nullOutputStream());
            output.complete(text);
        } catch (IOException e) {
            output.completeExceptionally(e);
        }
    }
}
