// Prints the machine's preferred vector width in bits (e.g. 512 on AVX-512); .ci/run reads it
// once to run the kernel tests at each narrower width. Run: java --add-modules jdk.incubator.vector .ci/VectorBits.java
public class VectorBits {
    public static void main(String[] args) {
        System.out.println(jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize());
    }
}
