package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.ModelFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vecnn info --model}: the model's layers and class names; a file without names gets a note. */
class InfoModelTest {
    @TempDir
    Path tmp;

    @Test
    void showsTheLayersAndClassNamesOfAModelFile() throws Exception {
        FullyConnectedNet net = FullyConnectedNet.builder(7).inputDim(12).numClasses(3).build();
        Path named = tmp.resolve("named.npz");
        ModelFile.write(named, ModelFile.of(net).withMeanImage(new double[12]).withClassNames(List.of("red", "green", "blue")));
        MainTest.Result r = MainTest.run("info", "--model", named.toString());
        assertThat(r.status).isZero();
        assertThat(r.out).contains("layers        : 12 -> 7 -> 3  (2 affine layers)")
                .contains("class names   : red, green, blue").contains("mean image    : yes");
        assertThat(r.err).doesNotContain("note");

        Path old = tmp.resolve("old.npz");
        ModelFile.write(old, ModelFile.of(net));
        r = MainTest.run("info", "--model", old.toString());
        assertThat(r.status).isZero();
        assertThat(r.out).contains("class names   : none in the file; labels are shown as names: 0, 1, 2")
                .contains("mean image    : no");
        assertThat(r.err).contains("vecnn info: note: " + old + " stores no class names");

        MainTest.assertOneLineError(MainTest.run("info", "--model", tmp.resolve("missing.npz").toString()), 1,
                "no such file: " + tmp.resolve("missing.npz"));
    }
}
