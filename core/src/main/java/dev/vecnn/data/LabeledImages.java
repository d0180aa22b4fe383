package dev.vecnn.data;

import java.nio.file.Path;
import java.util.List;

/** Images loaded from a folder of class folders: the images, the class names, and the file of each image. */
public final class LabeledImages {
    private final ImageSplit images;
    private final List<String> classNames;
    private final List<Path> files;

    LabeledImages(ImageSplit images, List<String> classNames, List<Path> files) {
        this.images = images;
        this.classNames = List.copyOf(classNames);
        this.files = List.copyOf(files);
    }

    /** The images, (N, 3, 32, 32), labels = index into {@link #classNames()}. */
    public ImageSplit images() {
        return images;
    }

    /** The class folder names, sorted; label {@code i} is {@code classNames().get(i)}. */
    public List<String> classNames() {
        return classNames;
    }

    /** The file each image came from, in image order. */
    public List<Path> files() {
        return files;
    }
}
