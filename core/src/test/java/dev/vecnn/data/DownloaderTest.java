package dev.vecnn.data;

import dev.vecnn.io.DataException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Downloader} against an HTTP server on 127.0.0.1 serving a small generated CIFAR-10 archive. */
@Timeout(60)
class DownloaderTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private byte[] archive;
    private String md5;
    /** What the handler does per request: "drop" (half the body, then close), "range" (honour Range), "ignore-range", "500". */
    private final List<String> script = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rangesAsked = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        archive = new CifarFixture(21, new int[] {4, 3, 3, 2, 2}, 3).tarGz();
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(archive));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cifar-10-binary.tar.gz", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz");
    }

    private void handle(HttpExchange ex) throws IOException {
        int n = requests.getAndIncrement();
        String mode = n < script.size() ? script.get(n) : "range";
        String range = ex.getRequestHeaders().getFirst("Range");
        rangesAsked.add(String.valueOf(range));
        if (mode.equals("drop")) {
            ex.sendResponseHeaders(200, archive.length);
            ex.getResponseBody().write(archive, 0, archive.length / 2);
            ex.getResponseBody().flush();
            // an exception out of the handler makes the server close the connection mid-body
            throw new IllegalStateException("dropping the connection on purpose");
        }
        try (OutputStream out = ex.getResponseBody()) {
            switch (mode) {
                case "500":
                    ex.sendResponseHeaders(500, -1);
                    return;
                case "ignore-range":
                    ex.sendResponseHeaders(200, archive.length);
                    out.write(archive);
                    return;
                default: {
                    Matcher m = range == null ? null : Pattern.compile("bytes=(\\d+)-").matcher(range);
                    if (m != null && m.matches()) {
                        int from = Integer.parseInt(m.group(1));
                        ex.getResponseHeaders().add("Content-Range",
                                "bytes " + from + "-" + (archive.length - 1) + "/" + archive.length);
                        ex.sendResponseHeaders(206, archive.length - from);
                        out.write(archive, from, archive.length - from);
                    } else {
                        ex.sendResponseHeaders(200, archive.length);
                        out.write(archive);
                    }
                }
            }
        }
    }

    private static Downloader downloader() {
        return new Downloader().timeouts(5_000, 5_000);
    }

    @Test
    void interruptedTransferResumesWithARangeRequest() throws IOException {
        script.add("drop");
        List<long[]> progress = new ArrayList<>();
        Path target = tmp.resolve("data/cifar-10-binary.tar.gz");
        downloader().download(url(), target, md5, (done, total) -> progress.add(new long[] {done, total}));
        assertThat(Files.readAllBytes(target)).isEqualTo(archive);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(rangesAsked.get(0)).isEqualTo("null");
        assertThat(rangesAsked.get(1)).isEqualTo("bytes=" + archive.length / 2 + "-");
        long[] last = progress.get(progress.size() - 1);
        assertThat(last).containsExactly(archive.length, archive.length);
        assertThat(Files.exists(Downloader.partFile(target))).isFalse();
        // and the downloaded archive loads
        CifarSplits s = Cifar10.load(target.getParent(), CifarOptions.defaults().withNumTraining(10)
                .withNumValidation(4).withNumTest(3));
        assertThat(s.train().count()).isEqualTo(10);
    }

    @Test
    void partialFileFromAnEarlierRunIsResumed() throws IOException {
        script.add("drop");
        Path target = tmp.resolve("cifar-10-binary.tar.gz");
        assertThatThrownBy(() -> downloader().maxAttempts(1).download(url(), target, md5, null))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("interrupted")
                .hasMessageContaining("run again to resume");
        assertThat(Files.exists(target)).isFalse();
        assertThat(Files.size(Downloader.partFile(target))).isEqualTo(archive.length / 2);
        downloader().maxAttempts(1).download(url(), target, md5, null);
        assertThat(Files.readAllBytes(target)).isEqualTo(archive);
        assertThat(rangesAsked).containsExactly("null", "bytes=" + archive.length / 2 + "-");
    }

    @Test
    void serverIgnoringRangeGetsAFreshStart() throws IOException {
        script.add("drop");
        script.add("ignore-range");
        Path target = tmp.resolve("cifar-10-binary.tar.gz");
        downloader().download(url(), target, md5, null);
        assertThat(Files.readAllBytes(target)).isEqualTo(archive);
    }

    @Test
    void wrongChecksumIsRejectedAndLeavesNothingBehind() throws IOException {
        Path dir = tmp.resolve("data");
        Path target = dir.resolve("cifar-10-binary.tar.gz");
        String wrong = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> downloader().download(url(), target, wrong, null))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("MD5")
                .hasMessageContaining(md5)
                .hasMessageContaining(wrong);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void serverErrorGivesAClearMessage() throws IOException {
        script.add("500");
        Path dir = tmp.resolve("data");
        assertThatThrownBy(() -> Cifar10.findOrDownload(dir, url(), md5, null))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining(url().toString())
                .hasMessageNotContaining("--data"); // a library message: no command-line flags
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDataFolderUnderAMissingParentIsNeitherCreatedNorDownloadedInto() {
        Path typo = tmp.resolve("nonexistent").resolve("x");
        assertThatThrownBy(() -> Cifar10.findOrDownload(typo, url(), md5, null))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("CIFAR-10 not found in " + typo + " (" + tmp.resolve("nonexistent") + " does not exist")
                .hasMessageContaining(url().toString())
                .hasMessageNotContaining(".part").hasMessageNotContaining("--data");
        assertThat(requests.get()).isZero();
        assertThat(Files.exists(tmp.resolve("nonexistent"))).isFalse();
    }

    @Test
    void aFailedDownloadIsOneShortLineAndLeavesNoEmptyPartFile() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI refused = URI.create("http://127.0.0.1:" + closedPort + "/cifar-10-binary.tar.gz");
        Path dir = tmp.resolve("data");
        assertThatThrownBy(() -> Cifar10.findOrDownload(dir, refused, md5, null))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("CIFAR-10 not found in " + dir + ", and download of " + refused + " failed 5 times (")
                .hasMessageEndingWith("; try again later or download it yourself")
                .hasMessageNotContaining(".part").hasMessageNotContaining("--data")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200 + dir.toString().length()));
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void findOrDownloadDownloadsOnlyWhenAbsent() throws IOException {
        Path dir = tmp.resolve("data");
        Path got = Cifar10.findOrDownload(dir, url(), md5, null);
        assertThat(got).isEqualTo(dir.resolve(Cifar10.ARCHIVE_NAME));
        assertThat(Cifar10.findOrDownload(dir, url(), md5, null)).isEqualTo(got);
        assertThat(requests.get()).isEqualTo(1);
    }
}
