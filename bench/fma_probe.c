/*
 * fma_probe.c: the core's peak multiply-add throughput, measured independently of the JVM.
 *
 * Twelve independent FMA chains (vfmadd231ps / vfmadd231pd) in inline assembly, so the number
 * does not depend on what a compiler makes of a loop: the accumulators are ymm0..ymm11 (zmm0..zmm11
 * for 512 bits, xmm0..xmm11 for 128), the two factors sit in registers 12 and 13, nothing is
 * loaded or stored inside the loop. Twelve chains cover two FMA pipes of up to six cycles'
 * latency. One thread; each variant runs samples of about 50 ms after a warm-up of about 200 ms
 * (the clock ramps up and, on some CPUs, the wide units power on), each timed with
 * clock_gettime(CLOCK_THREAD_CPUTIME_ID), the thread's CPU time, so that on a machine shared with
 * other jobs the time the thread waited for a core does not count (as in `vecnn bench`, which
 * times its one-thread rows the same way); the best sample is printed.
 *
 *     cc -O2 -o fma_probe bench/fma_probe.c && ./fma_probe 256 512
 *
 * Arguments: the vector widths to measure (128, 256, 512; default 256). Output, one line each:
 *
 *     fma <bits> <float32|float64> <GFLOP/s>
 *     fma <bits> <float32|float64> skipped: <reason>
 *
 * 512 is skipped when the CPU lacks avx512f, 256 and 128 when it lacks fma or avx (cpuid, via the
 * compiler's __builtin_cpu_supports). `vecnn bench` compiles and runs this file (docs/bench.md);
 * cli/bench/FmaProbe.java parses its output. A flop is counted as in `vecnn bench`: a
 * multiply-add is two.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHAINS 12

/* One loop step: one FMA into each of the 12 accumulators. R is the register prefix (xmm, ymm, zmm). */
#define STEP(OP, R)                                                                                  \
    OP " %%" R "12, %%" R "13, %%" R "0\n\t" OP " %%" R "12, %%" R "13, %%" R "1\n\t"                  \
    OP " %%" R "12, %%" R "13, %%" R "2\n\t" OP " %%" R "12, %%" R "13, %%" R "3\n\t"                  \
    OP " %%" R "12, %%" R "13, %%" R "4\n\t" OP " %%" R "12, %%" R "13, %%" R "5\n\t"                  \
    OP " %%" R "12, %%" R "13, %%" R "6\n\t" OP " %%" R "12, %%" R "13, %%" R "7\n\t"                  \
    OP " %%" R "12, %%" R "13, %%" R "8\n\t" OP " %%" R "12, %%" R "13, %%" R "9\n\t"                  \
    OP " %%" R "12, %%" R "13, %%" R "10\n\t" OP " %%" R "12, %%" R "13, %%" R "11\n\t"

/*
 * Runs `steps` steps (4 per loop iteration, so the loop's own decrement and branch are a small
 * share). All registers start at zero (vxorps): the sums stay 0, far from subnormals, and x86
 * FMA units take the same time for any normal operand.
 */
#define KERNEL(NAME, OP, R, ZERO)                                                                     \
    static void NAME(long steps) {                                                                     \
        long iterations = steps / 4;                                                                   \
        __asm__ volatile(                                                                              \
            ZERO(R, "0") ZERO(R, "1") ZERO(R, "2") ZERO(R, "3") ZERO(R, "4") ZERO(R, "5")              \
            ZERO(R, "6") ZERO(R, "7") ZERO(R, "8") ZERO(R, "9") ZERO(R, "10") ZERO(R, "11")            \
            ZERO(R, "12") ZERO(R, "13")                                                                \
            "1:\n\t" STEP(OP, R) STEP(OP, R) STEP(OP, R) STEP(OP, R)                                   \
            "dec %[n]\n\t"                                                                             \
            "jnz 1b\n\t"                                                                               \
            "vzeroupper\n\t"                                                                           \
            : [n] "+r"(iterations)                                                                     \
            :                                                                                          \
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",          \
              "xmm10", "xmm11", "xmm12", "xmm13", "cc");                                               \
    }

#define VXOR(R, N) "vxorps %%" R N ", %%" R N ", %%" R N "\n\t"
#define VXOR512(R, N) "vpxord %%" R N ", %%" R N ", %%" R N "\n\t"

KERNEL(fma128_ps, "vfmadd231ps", "xmm", VXOR)
KERNEL(fma128_pd, "vfmadd231pd", "xmm", VXOR)
KERNEL(fma256_ps, "vfmadd231ps", "ymm", VXOR)
KERNEL(fma256_pd, "vfmadd231pd", "ymm", VXOR)
KERNEL(fma512_ps, "vfmadd231ps", "zmm", VXOR512)
KERNEL(fma512_pd, "vfmadd231pd", "zmm", VXOR512)

static double seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double now(void) {
    return seconds(CLOCK_MONOTONIC);
}

static double cpu(void) {
    return seconds(CLOCK_THREAD_CPUTIME_ID);
}

/* Best GFLOP/s of `samples` samples of about 50 ms each, after about 200 ms of warm-up. */
static double measure(void (*kernel)(long), int lanes, int samples) {
    long steps = 1 << 16;
    double start = now();
    for (;;) { /* warm-up, and find the steps for a 50 ms sample */
        double t0 = now();
        kernel(steps);
        double t = now() - t0;
        if (t < 0.05) {
            steps *= 2;
        } else if (now() - start >= 0.2) {
            break;
        }
    }
    double best = 0;
    for (int s = 0; s < samples; s++) {
        double t0 = cpu();
        kernel(steps);
        double t = cpu() - t0;
        double gflops = 2.0 * CHAINS * lanes * (double) steps / t / 1e9;
        if (gflops > best) {
            best = gflops;
        }
    }
    return best;
}

int main(int argc, char **argv) {
    __builtin_cpu_init();
    int samples = 10;
    const char *widths[8] = {"256"};
    int count = argc > 1 ? 0 : 1;
    for (int i = 1; i < argc && count < 8; i++) {
        widths[count++] = argv[i];
    }
    for (int w = 0; w < count; w++) {
        int bits = atoi(widths[w]);
        void (*ps)(long) = NULL, (*pd)(long) = NULL;
        const char *missing = NULL;
        if (bits == 512) {
            ps = fma512_ps, pd = fma512_pd;
            missing = __builtin_cpu_supports("avx512f") ? NULL : "no avx512f on this CPU";
        } else if (bits == 256 || bits == 128) {
            ps = bits == 256 ? fma256_ps : fma128_ps;
            pd = bits == 256 ? fma256_pd : fma128_pd;
            missing = __builtin_cpu_supports("fma") && __builtin_cpu_supports("avx") ? NULL : "no fma on this CPU";
        } else {
            fprintf(stderr, "fma_probe: width must be 128, 256 or 512, got '%s'\n", widths[w]);
            return 2;
        }
        for (int dbl = 0; dbl <= 1; dbl++) {
            const char *dtype = dbl ? "float64" : "float32";
            if (missing != NULL) {
                printf("fma %d %s skipped: %s\n", bits, dtype, missing);
            } else {
                int lanes = bits / (dbl ? 64 : 32);
                printf("fma %d %s %.2f\n", bits, dtype, measure(dbl ? pd : ps, lanes, samples));
            }
            fflush(stdout);
        }
    }
    return 0;
}
