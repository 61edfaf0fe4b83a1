package io.weir.server.session;

import static java.util.Objects.requireNonNull;

import io.weir.executor.ResultIterator;
import io.weir.executor.view.ViewStore;
import io.weir.planner.QueryPlan;
import io.weir.server.job.JobInfo;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running SUBSCRIBE (or a cursor's query): rows as they come; a subscription's start with
 * {@code op} (+I, -U, +U, -D) and {@code changed_at} (when the change happened in Weir). Over a materialized view it is the view's rows as inserts, then every change
 * its job makes; over a query, the query's changelog from a streaming job. Read by one session
 * thread; {@link #close()} stops the job or the listening.
 */
abstract class Subscription implements AutoCloseable {
    private static final Field OP = new Field("op", DataType.of(TypeKind.STRING).withNullable(false));
    /** When the change happened in Weir: applied to the view, or left the subscribed query (wall clock). */
    private static final Field CHANGED_AT = new Field("changed_at", DataType.of(TypeKind.TIMESTAMP_LTZ).withNullable(false));

    /** The result's columns: op, then the relation's or query's columns. */
    abstract RowType columns();

    /** Waits up to {@code millis} for the next row; null when none came (or the end was reached, see {@link #ended}). */
    abstract Object[] poll(long millis);

    /** Whether no row will ever come again. */
    abstract boolean ended();

    @Override
    public abstract void close();

    /** Follows a materialized view's store. */
    static Subscription ofView(ViewStore store, RowType viewType) {
        requireNonNull(store, "store is null");
        LinkedBlockingQueue<Object[]> rows = new LinkedBlockingQueue<>();
        Runnable stop = store.subscribe(change -> {
            Object[] row = new Object[change.row().size() + 2];
            row[0] = change.insert() ? "+I" : "-D";
            row[1] = System.currentTimeMillis();
            for (int i = 0; i < change.row().size(); i++) {
                Object value = change.row().get(i);
                row[i + 2] = value instanceof java.nio.ByteBuffer bytes ? bytes.array() : value;
            }
            rows.add(row);
        });
        RowType columns = withOp(viewType);
        return new Subscription() {
            @Override
            RowType columns() {
                return columns;
            }

            @Override
            Object[] poll(long millis) {
                try {
                    return rows.poll(millis, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
                }
            }

            @Override
            boolean ended() {
                return false;
            }

            @Override
            public void close() {
                stop.run();
            }
        };
    }

    /** Follows the rows of a submitted query; a subscription's rows start with op even when the query only inserts. */
    static Subscription ofQuery(QueryPlan plan, JobInfo job, boolean subscribe) {
        ResultIterator results = job.handle().results();
        // a cursor over a plain query keeps the query's own columns
        boolean hasOp = plan.changelogResult();
        RowType columns = !subscribe ? plan.resultType()
                : withOp(hasOp ? RowKind.withoutOp(plan.resultType()) : plan.resultType());
        // the job's rows arrive on this reader thread, so that poll can wait with a timeout
        LinkedBlockingQueue<Object[]> rows = new LinkedBlockingQueue<>(10_000);
        Object[] end = new Object[0];
        WeirException[] failure = new WeirException[1];
        Thread reader = new Thread(() -> {
            try {
                while (results.hasNext()) {
                    Object[] row = results.next();
                    if (subscribe) {
                        // op (the query's own, or +I for a query that only inserts), then changed_at, then the columns
                        int skip = hasOp ? 1 : 0;
                        Object[] change = new Object[row.length - skip + 2];
                        change[0] = hasOp ? row[0] : "+I";
                        change[1] = System.currentTimeMillis();
                        System.arraycopy(row, skip, change, 2, row.length - skip);
                        row = change;
                    }
                    rows.put(row);
                }
            } catch (WeirException e) {
                failure[0] = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure[0] = new WeirException(ErrorCode.INTERNAL_ERROR, "SUBSCRIBE failed: " + e.getMessage(), e);
            } finally {
                rows.offer(end);
            }
        }, "weir-subscribe-" + job.id());
        reader.setDaemon(true);
        reader.start();
        return new Subscription() {
            private boolean ended;

            @Override
            RowType columns() {
                return columns;
            }

            @Override
            Object[] poll(long millis) {
                if (ended) {
                    return null;
                }
                try {
                    Object[] row = rows.poll(millis, TimeUnit.MILLISECONDS);
                    if (row == end) {
                        ended = true;
                        if (failure[0] != null) {
                            throw failure[0];
                        }
                        return null;
                    }
                    return row;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WeirException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
                }
            }

            @Override
            boolean ended() {
                return ended;
            }

            @Override
            public void close() {
                results.close();
                reader.interrupt();
            }
        };
    }

    private static RowType withOp(RowType type) {
        List<Field> fields = new ArrayList<>();
        fields.add(OP);
        fields.add(CHANGED_AT);
        fields.addAll(type.fields());
        return new RowType(fields);
    }

    /** Helpers for the {@code op} column of a changelog result. */
    private static final class RowKind {
        /** {@code type} without its leading {@code op} column. */
        static RowType withoutOp(RowType type) {
            return new RowType(type.fields().subList(1, type.size()));
        }
    }
}
