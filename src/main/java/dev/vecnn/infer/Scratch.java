package dev.vecnn.infer;

/**
 * One calling thread's working memory for one model: the two ping-pong activation buffers, and
 * buffers to convert inputs/scores when the caller's array type differs from the model's
 * precision. Grown on demand, never shrunk, so a thread that keeps calling with the same batch
 * size allocates nothing after its first call. Never shared between threads.
 */
final class Scratch {
    private float[] floatA = new float[0];
    private float[] floatB = new float[0];
    private float[] floatIn = new float[0];
    private float[] floatScores = new float[0];
    private double[] doubleA = new double[0];
    private double[] doubleB = new double[0];
    private double[] doubleIn = new double[0];
    private double[] doubleScores = new double[0];

    float[] floatA(int n) {
        if (floatA.length < n) {
            floatA = new float[n];
        }
        return floatA;
    }

    float[] floatB(int n) {
        if (floatB.length < n) {
            floatB = new float[n];
        }
        return floatB;
    }

    float[] floatIn(int n) {
        if (floatIn.length < n) {
            floatIn = new float[n];
        }
        return floatIn;
    }

    float[] floatScores(int n) {
        if (floatScores.length < n) {
            floatScores = new float[n];
        }
        return floatScores;
    }

    double[] doubleA(int n) {
        if (doubleA.length < n) {
            doubleA = new double[n];
        }
        return doubleA;
    }

    double[] doubleB(int n) {
        if (doubleB.length < n) {
            doubleB = new double[n];
        }
        return doubleB;
    }

    double[] doubleIn(int n) {
        if (doubleIn.length < n) {
            doubleIn = new double[n];
        }
        return doubleIn;
    }

    double[] doubleScores(int n) {
        if (doubleScores.length < n) {
            doubleScores = new double[n];
        }
        return doubleScores;
    }
}
