package io.weir.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;

/**
 * Rewrites a logical plan in fixed Hep phases, so the same SQL always gives the same plan: first
 * decorrelation of subqueries, then simplification (constant folding, merging and pushing filters and projections), then fusing
 * every filter and projection into one Calc per chain.
 */
final class Optimizer {
    private static final List<RelOptRule> SIMPLIFY = List.of(
            CoreRules.FILTER_REDUCE_EXPRESSIONS,
            CoreRules.PROJECT_REDUCE_EXPRESSIONS,
            CoreRules.FILTER_MERGE,
            CoreRules.FILTER_PROJECT_TRANSPOSE,
            CoreRules.FILTER_AGGREGATE_TRANSPOSE,
            CoreRules.FILTER_SET_OP_TRANSPOSE,
            CoreRules.PROJECT_MERGE,
            CoreRules.PROJECT_REMOVE,
            CoreRules.AGGREGATE_PROJECT_MERGE,
            CoreRules.UNION_TO_DISTINCT,
            CoreRules.UNION_MERGE,
            CoreRules.UNION_REMOVE,
            CoreRules.FILTER_INTO_JOIN,
            CoreRules.JOIN_CONDITION_PUSH,
            CoreRules.JOIN_PUSH_EXPRESSIONS);

    /** OVER aggregations leave projections as Window rels before anything merges projections. */
    private static final List<RelOptRule> WINDOWS = List.of(
            CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);

    private static final List<RelOptRule> TO_CALC = List.of(
            CoreRules.FILTER_TO_CALC,
            CoreRules.PROJECT_TO_CALC,
            CoreRules.CALC_MERGE,
            CoreRules.CALC_REMOVE);

    private Optimizer() {
    }

    static RelNode optimize(RelNode logical) {
        // correlated subqueries (EXISTS, NOT EXISTS, scalar subqueries over the outer row) become joins
        RelNode decorrelated = RelDecorrelator.decorrelateQuery(logical,
                RelFactories.LOGICAL_BUILDER.create(logical.getCluster(), null));
        // before the projections merge into what reads them, so that each window function still has one above it
        RelNode pruned = WindowInputPruning.prune(decorrelated);
        RelNode simplified = run(run(pruned, WINDOWS), SIMPLIFY);
        return run(simplified, TO_CALC);
    }

    private static RelNode run(RelNode rel, List<RelOptRule> rules) {
        HepProgramBuilder program = HepProgram.builder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
        program.addRuleCollection(rules);
        HepPlanner planner = new HepPlanner(program.build());
        planner.setExecutor(RexUtil.EXECUTOR);
        planner.setRoot(rel);
        return planner.findBestExp();
    }
}
