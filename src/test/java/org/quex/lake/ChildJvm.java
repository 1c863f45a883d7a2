package org.quex.lake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** For the kill tests: a class of the test classpath run in a JVM of its own, with local Spark and an optional kill point. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Its exit value and its whole output (stdout and stderr together). */
    public record Exit(int value, String output) {
    }

    /** Runs {@code main} of {@code mainClass} with {@code args}; {@code killAt} (or null) names the point at which it halts. */
    public static Exit run(String heap, String killAt, int timeoutMinutes, Class<?> mainClass, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
                "-Dspark.sql.shuffle.partitions=2"));
        // the module flags Spark needs on Java 17, as this JVM got them from the pom
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:+Ignore") || a.startsWith("-Djdk.")
                        || a.startsWith("-Dio.netty")).forEach(command::add);
        if (killAt != null) {
            command.add("-D" + KillPoint.PROPERTY + "=" + killAt);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(timeoutMinutes, TimeUnit.MINUTES), mainClass.getSimpleName() + " did not end");
        return new Exit(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
