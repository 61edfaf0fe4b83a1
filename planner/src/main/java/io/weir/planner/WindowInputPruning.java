package io.weir.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * Keeps only the columns a query uses in front of a TUMBLE, HOP or CUMULATE window function. A window
 * table function returns every column of its input, and Calcite's field trimming cannot see through
 * it, so without this a window over a wide table copies every column once per window of each row
 * (five times for Nexmark q5's HOP), through each exchange after it. Flink prunes the same way.
 *
 * <p>Rewrites {@code Project(TVF(input))} into {@code Project'(TVF'(Project(input, used columns)))}:
 * the used columns are those the projection reads plus the window's time column, and the inner
 * projection passes them unchanged (so the time stays the table's row time). SESSION is left alone:
 * its partition keys live in the call's table argument.
 */
final class WindowInputPruning {
    private WindowInputPruning() {
    }

    static RelNode prune(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>(rel.getInputs().size());
        boolean changed = false;
        for (RelNode input : rel.getInputs()) {
            RelNode pruned = prune(input);
            changed |= pruned != input;
            inputs.add(pruned);
        }
        RelNode node = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
        if (node instanceof LogicalProject project && project.getInput() instanceof LogicalTableFunctionScan scan
                && isPrunableWindow(scan)) {
            return prune(project, scan);
        }
        return node;
    }

    private static boolean isPrunableWindow(LogicalTableFunctionScan scan) {
        if (scan.getInputs().size() != 1 || !(scan.getCall() instanceof RexCall call)) {
            return false;
        }
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        return name.equals("TUMBLE") || name.equals("HOP") || name.equals("CUMULATE");
    }

    private static RelNode prune(LogicalProject project, LogicalTableFunctionScan scan) {
        RelNode input = scan.getInput(0);
        int inputCount = input.getRowType().getFieldCount();
        TreeSet<Integer> kept = new TreeSet<>();
        for (int used : RelOptUtil.InputFinder.bits(project.getProjects(), null)) {
            if (used < inputCount) {
                kept.add(used);
            }
        }
        kept.addAll(RelOptUtil.InputFinder.bits(List.of(scan.getCall()), null).asList());
        if (kept.size() == inputCount) {
            return project;
        }
        int[] newIndex = new int[inputCount];
        List<RexNode> keptRefs = new ArrayList<>();
        List<String> keptNames = new ArrayList<>();
        for (int column : kept) {
            newIndex[column] = keptRefs.size();
            keptRefs.add(RexInputRef.of(column, input.getRowType()));
            keptNames.add(input.getRowType().getFieldNames().get(column));
        }
        LogicalProject narrowed = LogicalProject.create(input, List.of(), keptRefs, keptNames, Set.of());

        RelDataTypeFactory.Builder rowType = scan.getCluster().getTypeFactory().builder();
        narrowed.getRowType().getFieldList().forEach(rowType::add);
        scan.getRowType().getFieldList().subList(inputCount, scan.getRowType().getFieldCount()).forEach(rowType::add);
        RelDataType windowed = rowType.build();
        RexNode call = scan.getCall().accept(remap(newIndex, inputCount, kept.size()));
        LogicalTableFunctionScan newScan = LogicalTableFunctionScan.create(scan.getCluster(), List.of(narrowed), call,
                scan.getElementType(), windowed, null);
        RexShuttle toNewScan = remap(newIndex, inputCount, kept.size());
        List<RexNode> projects = project.getProjects().stream().map(p -> p.accept(toNewScan)).toList();
        return LogicalProject.create(newScan, project.getHints(), projects, project.getRowType().getFieldNames(),
                project.getVariablesSet());
    }

    /** Input column i becomes {@code newIndex[i]}; window column {@code inputCount + k} becomes {@code kept + k}. */
    private static RexShuttle remap(int[] newIndex, int inputCount, int kept) {
        return new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int index = ref.getIndex() < inputCount ? newIndex[ref.getIndex()] : kept + ref.getIndex() - inputCount;
                return new RexInputRef(index, ref.getType());
            }
        };
    }
}
