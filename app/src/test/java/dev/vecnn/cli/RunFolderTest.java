package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    /** Issue 21: a full disk left an empty run folder; a failed command's unfinished folders are removed. */
    @Test
    void aFailedCommandsUnfinishedRunFolderIsRemovedAndAFinishedOneKept(@TempDir Path base) throws Exception {
        RunFolder.forgetUnfinished();
        Path done = RunFolder.create(base, "train", LocalDateTime.of(2026, 12, 6, 17, 0, 0));
        Files.writeString(done.resolve(RunFolder.LAST_FILE), "{}");
        Path half = RunFolder.create(base, "train", LocalDateTime.of(2026, 12, 6, 17, 0, 1));
        Files.writeString(half.resolve("accuracy.png"), "half");
        assertThat(RunFolder.removeUnfinished()).containsExactly(half);
        assertThat(half).doesNotExist();
        assertThat(done.resolve(RunFolder.LAST_FILE)).exists();
        assertThat(RunFolder.removeUnfinished()).isEmpty(); // forgotten once handled
    }

    /** Ctrl-C before training names the step that was running (the experiment's wait for its warm-up too). */
    @Test
    void ctrlCBeforeTrainingNamesTheStep() {
        assertThat(StopNotice.beforeTrainingStopped("vecnn experiment", "loading the data"))
                .isEqualTo("vecnn experiment: stopped while loading the data; nothing was written");
        AtomicReference<String> step = new AtomicReference<>("loading the data");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StopNotice notice = StopNotice.beforeTraining("vecnn experiment", step::get, new PrintStream(bytes, true));
        try {
            step.set("waiting for the warm-up to compile the kernels");
            notice.stopped(); // what the shutdown hook runs
        } finally {
            notice.close();
        }
        assertThat(bytes.toString()).isEqualTo("vecnn experiment: stopped while waiting for the warm-up to compile the kernels; nothing was written"
                + System.lineSeparator());
    }

    /**
     * Ctrl-C after training, while the reports are written (the peak probe, the plots, the
     * test-set evaluation): the folder without summary.json is removed and the line says so; a
     * complete folder is kept; before the folder exists nothing was written.
     */
    @Test
    void ctrlCWhileWritingRemovesTheUnfinishedFolderAndSaysWhichOne(@TempDir Path base) throws Exception {
        RunFolder.forgetUnfinished();
        assertThat(StopNotice.writingStopped("vecnn experiment", null))
                .isEqualTo("vecnn experiment: stopped after training, before the run folder was made; nothing was written");

        Path half = RunFolder.create(base, "experiment", LocalDateTime.of(2026, 12, 7, 0, 40, 0));
        Files.writeString(half.resolve("accuracy.png"), "half");
        assertThat(StopNotice.writingStopped("vecnn experiment", half))
                .isEqualTo("vecnn experiment: stopped while writing the run folder; removed the unfinished " + half
                        + "; run the command again");
        assertThat(half).doesNotExist();

        Path done = RunFolder.create(base, "train", LocalDateTime.of(2026, 12, 7, 0, 40, 1));
        Files.writeString(done.resolve(RunFolder.LAST_FILE), "{}");
        assertThat(StopNotice.writingStopped("vecnn train", done))
                .isEqualTo("vecnn train: stopped after writing the run folder " + done + " (it is complete)");
        assertThat(done.resolve(RunFolder.LAST_FILE)).exists();
        RunFolder.forgetUnfinished();
    }

    @Test
    void namesTheFolderAfterTheTimeAndCommandAndNeverReusesOne(@TempDir Path base) throws Exception {
        LocalDateTime when = LocalDateTime.of(2026, 11, 26, 9, 5, 7);
        Path first = RunFolder.create(base.resolve("runs"), "experiment", when);
        Path second = RunFolder.create(base.resolve("runs"), "experiment", when);
        assertThat(first.getFileName().toString()).isEqualTo("20261126-090507-experiment");
        assertThat(second.getFileName().toString()).isEqualTo("20261126-090507-experiment-2");
        assertThat(Files.isDirectory(first)).isTrue();
        assertThat(Files.isDirectory(second)).isTrue();
    }
}
