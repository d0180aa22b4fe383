package dev.vecnn.infer;

import java.util.List;

/**
 * What {@link InferenceModel#toOnnx(OnnxExportOptions)} puts in the graph besides the net:
 * <ul>
 *   <li>{@link #withSoftmax(boolean) softmax} (default off): a final {@code Softmax}, so the
 *       graph's output is {@code probabilities} instead of the class {@code scores};</li>
 *   <li>{@link #withMeanImage(boolean) meanImage} (default on): when the model has a mean image,
 *       the graph takes raw pixel values ({@code pixels}) and a {@code Sub} node subtracts the
 *       mean image first; off, the graph takes preprocessed rows ({@code x}), as
 *       {@link InferenceModel#scores(float[], int)} does;</li>
 *   <li>{@link #withClassNames(List) classNames} (default none): stored in {@code metadata_props}
 *       under {@code vecnn.class_names}, a JSON array of strings.</li>
 * </ul>
 * Immutable.
 */
public final class OnnxExportOptions {
    private static final OnnxExportOptions DEFAULTS = new OnnxExportOptions(false, true, null);

    private final boolean softmax;
    private final boolean meanImage;
    private final List<String> classNames;

    private OnnxExportOptions(boolean softmax, boolean meanImage, List<String> classNames) {
        this.softmax = softmax;
        this.meanImage = meanImage;
        this.classNames = classNames;
    }

    /** No softmax, the mean image as a Sub node, no class names. */
    public static OnnxExportOptions defaults() {
        return DEFAULTS;
    }

    /** With ({@code true}) or without a final Softmax node. */
    public OnnxExportOptions withSoftmax(boolean softmax) {
        return new OnnxExportOptions(softmax, meanImage, classNames);
    }

    /** With ({@code true}, the default) or without the mean image as a leading Sub node. */
    public OnnxExportOptions withMeanImage(boolean meanImage) {
        return new OnnxExportOptions(softmax, meanImage, classNames);
    }

    /**
     * With these class names (one per class, index order) in the metadata; {@code null} for none.
     *
     * @throws IllegalArgumentException if a name is null
     */
    public OnnxExportOptions withClassNames(List<String> classNames) {
        if (classNames != null) {
            for (int i = 0; i < classNames.size(); i++) {
                if (classNames.get(i) == null) {
                    throw new IllegalArgumentException("classNames[" + i + "] must not be null");
                }
            }
        }
        return new OnnxExportOptions(softmax, meanImage, classNames == null ? null : List.copyOf(classNames));
    }

    public boolean softmax() {
        return softmax;
    }

    public boolean meanImage() {
        return meanImage;
    }

    /** The class names, or null. */
    public List<String> classNames() {
        return classNames;
    }
}
