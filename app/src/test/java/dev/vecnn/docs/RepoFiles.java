package dev.vecnn.docs;

import java.nio.file.Path;

/**
 * Files of the repository (README.md, docs/), which sit above the module that runs the tests:
 * Maven sets {@code vecnn.repoRoot}; without it (an IDE running the test from app/) the parent
 * folder is the root.
 */
final class RepoFiles {
    private RepoFiles() {}

    static Path path(String first, String... more) {
        return Path.of(System.getProperty("vecnn.repoRoot", "..")).resolve(Path.of(first, more));
    }
}
