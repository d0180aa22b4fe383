package dev.vecnn.infer;

/**
 * One class of a {@link Classification}: its label (the index of the net's output), its name
 * and the probability the model gives it.
 *
 * @param label       the class index, 0 .. numClasses-1
 * @param name        the class name (label i is {@code model.classNames().get(i)})
 * @param probability softmax of the scores, in [0, 1]
 */
public record ClassProbability(int label, String name, double probability) {
    @Override
    public String toString() {
        return name + " " + probability;
    }
}
