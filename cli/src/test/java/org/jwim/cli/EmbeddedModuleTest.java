package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.ApplyFixtures;
import org.jwim.capture.testing.TestTrees;

/**
 * jwim as an embedding tool uses it: a small program of its own module, compiled and run on the
 * module path with only the library's modules and what they require (no picocli, no Commons
 * Compress), captures a directory, applies it back, captures a raw FAT volume and applies that
 * image to a disk, all through the front door.
 */
class EmbeddedModuleTest {
    private static final String MAIN = """
            package example;

            import java.nio.file.Path;
            import org.jwim.capture.Apply;
            import org.jwim.capture.Capture;
            import org.jwim.capture.CaptureReport;
            import org.jwim.capture.DiskApplyReport;

            public class Main {
                public static void main(String[] args) throws Exception {
                    Path dir = Path.of(args[0]);
                    Path work = Path.of(args[1]);
                    CaptureReport c = Capture.directory(dir).to(work.resolve("dir.wim")).run();
                    System.out.println("captured directory: " + c.images().get(0).files() + " files");
                    DiskApplyReport a = Apply.wim(work.resolve("dir.wim")).image(1).toDirectory(work.resolve("back")).run();
                    System.out.println("applied directory: " + a.volumes().get(0).restored().files() + " files");
                    CaptureReport v = Capture.volume(Path.of(args[2])).to(work.resolve("volume.wim")).run();
                    System.out.println("captured volume: " + v.images().get(0).files() + " files");
                    DiskApplyReport d = Apply.wim(work.resolve("volume.wim")).image(1).toDisk(Path.of(args[3])).run();
                    System.out.println("applied to disk: " + d.volumes().get(0).target() + ", "
                            + d.volumes().get(0).restored().files() + " files");
                }
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void aProgramOnTheModulePathCapturesAndAppliesThroughTheFrontDoor() throws Exception {
        Configuration cf = libraryModules();
        Set<String> names = new TreeSet<>();
        List<String> path = new ArrayList<>();
        for (ResolvedModule m : cf.modules()) {
            String where = m.reference().location().orElseThrow().toString();
            if (!where.startsWith("jrt:")) {
                names.add(m.name());
                path.add(Path.of(m.reference().location().orElseThrow()).toString());
            }
        }
        assertFalse(names.contains("info.picocli"), names.toString());
        assertFalse(names.contains("org.apache.commons.compress"), names.toString());
        ModuleDescriptor core = cf.findModule("org.jwim.wim").orElseThrow().reference().descriptor();
        for (String codec : List.of("org.lz4.java", "com.github.luben.zstd_jni")) {
            boolean required = core.requires().stream()
                    .anyMatch(r -> r.name().equals(codec) && !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC));
            assertTrue(required || !names.contains(codec), codec + " is optional and must not be on the module path");
        }
        System.out.println("module path: " + names);

        Path src = Files.createDirectories(tmp.resolve("src/example"));
        Files.writeString(src.getParent().resolve("module-info.java"), "module example { requires org.jwim.capture; }\n");
        Files.writeString(src.resolve("Main.java"), MAIN);
        Path classes = tmp.resolve("classes");
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        String compiled = run(javac.toString(), "--release", "17", "-Xlint:all", "-Werror", "-d", classes.toString(),
                "--module-path", String.join(File.pathSeparator, path),
                src.getParent().resolve("module-info.java").toString(), src.resolve("Main.java").toString());
        assertEquals("", compiled, "the example compiles against the library modules only");

        Path tree = TestTrees.mixed(tmp.resolve("tree"));
        Path volume = ApplyFixtures.bareFat(tmp.resolve("fat.img"), "16", 16);
        ApplyFixtures.mtools("mcopy", "-s", "-i", volume.toString(), tree.resolve("sub").toString(), "::/");
        Path disk = ApplyFixtures.gptDisk(Files.createDirectories(tmp.resolve("disk")));
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<String> modulePath = new ArrayList<>(path);
        modulePath.add(classes.toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String out = run(java.toString(), "--module-path", String.join(File.pathSeparator, modulePath),
                "-m", "example/example.Main", tree.toString(), work.toString(), volume.toString(), disk.toString());
        // the XML's count (ImageStats): the directory symlink is a file, as wimlib counts it
        assertTrue(out.contains("captured directory: 10 files") && out.contains("applied directory: 6 files"), out);
        assertTrue(out.contains("captured volume: ") && out.contains("applied to disk: volume 1 (FAT32)"), out);
        assertEquals(org.jwim.capture.testing.TreeSnapshot.of(tree, true),
                org.jwim.capture.testing.TreeSnapshot.of(work.resolve("back"), true));
        String listing = ApplyFixtures.mtools("mdir", "-b", "-i", ApplyFixtures.at(disk, ApplyFixtures.ESP_OFFSET), "::/sub");
        assertTrue(listing.contains("b.txt"), listing);
    }

    /** Runs a JDK tool; returns its output, failing the test unless it exits with 0. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + out);
        return out;
    }

    /**
     * org.jwim.capture and what it requires, picked from the test's class and module path (the
     * reactor's module directories and the dependency jars) by following the non-static
     * requires; optional (static) dependencies and everything else stay out.
     */
    private static Configuration libraryModules() {
        Map<String, Path> byName = new HashMap<>();
        String all = System.getProperty("java.class.path", "") + File.pathSeparator
                + System.getProperty("jdk.module.path", "");
        for (String e : all.split(File.pathSeparator)) {
            Path p = Path.of(e.isEmpty() ? "." : e);
            boolean moduleDir = Files.isDirectory(p) && Files.exists(p.resolve("module-info.class"));
            if (moduleDir || (e.endsWith(".jar") && !e.endsWith("-tests.jar"))) {
                try {
                    ModuleFinder.of(p).findAll().forEach(m -> byName.putIfAbsent(m.descriptor().name(), p));
                } catch (RuntimeException x) {
                    // a jar no module name can be derived from: not one the library needs
                }
            }
        }
        Set<String> system = new TreeSet<>();
        ModuleFinder.ofSystem().findAll().forEach(m -> system.add(m.descriptor().name()));
        Set<Path> picked = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("org.jwim.capture"));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            Path p = byName.get(name);
            if (system.contains(name) || p == null || !picked.add(p)) {
                continue;
            }
            for (ModuleDescriptor.Requires r : ModuleFinder.of(p).find(name).orElseThrow().descriptor().requires()) {
                if (!r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
                    todo.push(r.name());
                }
            }
        }
        return Configuration.resolve(ModuleFinder.of(picked.toArray(new Path[0])), List.of(Configuration.empty()),
                ModuleFinder.ofSystem(), Set.of("org.jwim.capture"));
    }
}
