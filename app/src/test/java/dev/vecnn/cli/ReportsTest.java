package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.train.RunHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private static final List<RunHistory> RUNS = List.of(
            new RunHistory("1.00 dropout", 1.0, new double[] {2.5, 1.25}, new double[] {0.25, 0.75, 0.5},
                    new double[] {0.125, 0.25, 0.2}, 0.25, 1.5),
            new RunHistory("0.25 dropout", 0.25, new double[] {3.0}, new double[] {0.5}, new double[] {0.375}, 0.375, 2));

    @Test
    void legendFollowsTheNotebooksFormat() {
        assertThat(RunHistory.legend(1)).isEqualTo("1.00 dropout");
        assertThat(RunHistory.legend(0.25)).isEqualTo("0.25 dropout");
    }

    @Test
    void csvHoldsEveryHistoryValueInLongFormat() {
        assertThat(Reports.historyCsv(RUNS)).isEqualTo("run,keep_p,history,step,value\n"
                + "1.00 dropout,1.0,loss,1,2.5\n"
                + "1.00 dropout,1.0,loss,2,1.25\n"
                + "1.00 dropout,1.0,train_acc,0,0.25\n"
                + "1.00 dropout,1.0,train_acc,1,0.75\n"
                + "1.00 dropout,1.0,train_acc,2,0.5\n"
                + "1.00 dropout,1.0,val_acc,0,0.125\n"
                + "1.00 dropout,1.0,val_acc,1,0.25\n"
                + "1.00 dropout,1.0,val_acc,2,0.2\n"
                + "0.25 dropout,0.25,loss,1,3.0\n"
                + "0.25 dropout,0.25,train_acc,0,0.5\n"
                + "0.25 dropout,0.25,val_acc,0,0.375\n");
    }

    @Test
    void tableShowsFinalAndBestAccuracies() {
        assertThat(Reports.table(RUNS)).isEqualTo(""
                + "run           final train  final val  best train  best val  seconds\n"
                + "1.00 dropout        0.500      0.200       0.750     0.250     1.50\n"
                + "0.25 dropout        0.500      0.375       0.500     0.375     2.00\n");
    }

    @Test
    void aRunWithoutAccuracyChecksShowsNoBestValidationAccuracy() { // --epochs 0
        RunHistory none = new RunHistory("1.00 dropout", 1, new double[0], new double[0], new double[0], 0, 0.01);
        assertThat(Reports.table(java.util.List.of(none))).endsWith("1.00 dropout            -          -           -         -     0.01\n");
    }
}
