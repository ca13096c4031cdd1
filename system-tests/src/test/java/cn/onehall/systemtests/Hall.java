package cn.onehall.systemtests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import cn.onehall.starter.testsupport.HallEnv;

/** Runs the launcher, so a test can stop and start one part of the running hall the way an operator would. */
final class Hall {

    static final List<String> AREAS = List.of("catalog", "applications", "licenses", "identity", "supervision");

    private Hall() {
    }

    static void run(String... args) {
        List<String> command = new ArrayList<>(List.of(HallEnv.root().resolve("hall").toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(HallEnv.root().toFile()).inheritIO().start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("./hall " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
