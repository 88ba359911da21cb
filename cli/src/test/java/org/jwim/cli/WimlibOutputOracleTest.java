package org.jwim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jwim.capture.testing.OracleTools;
import org.jwim.capture.testing.TestTrees;

/**
 * jwim and wimlib-imagex print the same {@code info}, {@code info --header} and {@code dir}
 * for the same WIMs (jwim-made and wimlib-made, each compression type, several images), and
 * exit the same way (success or not) for the same bad inputs.
 */
class WimlibOutputOracleTest {
    @TempDir
    static Path tmp;
    static final List<Path> WIMS = new ArrayList<>();

    @BeforeAll
    static void wims() throws Exception {
        OracleTools.requireTool("wimlib-imagex");
        Path src = TestTrees.mixed(tmp.resolve("src"));
        for (String type : new String[] {"none", "xpress", "lzx"}) {
            Path j = tmp.resolve("jwim-" + type + ".wim");
            Jwim.ok("capture", src, j, "Img", "desc", "--compress=" + type);
            WIMS.add(j);
        }
        for (String type : new String[] {"none", "xpress", "lzx", "lzms"}) {
            Path w = tmp.resolve("wimlib-" + type + ".wim");
            OracleTools.run(tmp, "wimlib-imagex", "capture", src.toString(), w.toString(), "Img", "--compress=" + type);
            WIMS.add(w);
        }
        Path multi = tmp.resolve("multi.wim");
        Files.copy(tmp.resolve("wimlib-xpress.wim"), multi);
        OracleTools.run(tmp, "wimlib-imagex", "append", src.toString(), multi.toString(), "Second", "--check");
        Jwim.ok("append", src, multi, "Third");
        WIMS.add(multi);
    }

    @Test
    void infoAndHeaderAreWimlibs() throws Exception {
        for (Path w : WIMS) {
            assertEquals(wimlib("info", w.toString()), Jwim.ok("info", w).out(), "info " + w);
            assertEquals(wimlib("info", "--header", w.toString()), Jwim.ok("info", "--header", w).out(), "info --header " + w);
        }
        Path multi = tmp.resolve("multi.wim");
        assertEquals(wimlib("info", multi.toString(), "2"), Jwim.ok("info", multi, "2").out());
    }

    @Test
    void dirIsWimlibs() throws Exception {
        for (Path w : WIMS) {
            assertEquals(wimlib("dir", w.toString(), "1"), Jwim.ok("dir", w, "1").out(), "dir " + w);
            assertEquals(wimlib("dir", w.toString(), "1", "--detailed"), Jwim.ok("dir", w, "1", "--detailed").out(),
                    "dir --detailed " + w);
        }
    }

    @Test
    void badInputsFailInBoth() throws Exception {
        Files.write(tmp.resolve("random.wim"), new byte[4096]);
        for (String bad : new String[] {"nope.wim", "random.wim", "src"}) {
            OracleTools.Result r = OracleTools.runResult(tmp, "wimlib-imagex", "info", bad);
            Jwim.Result j = Jwim.run("info", tmp.resolve(bad));
            assertEquals(r.exit() != 0, j.exit() != 0, bad + ": " + r.output() + j);
            assertEquals(Main.FAILED, j.exit(), j.toString());
        }
    }

    private static String wimlib(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wimlib-imagex"));
        cmd.addAll(List.of(args));
        return OracleTools.run(tmp, cmd.toArray(new String[0]));
    }
}
