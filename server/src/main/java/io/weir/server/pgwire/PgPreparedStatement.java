package io.weir.server.pgwire;

import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.util.List;
import java.util.Optional;

/**
 * A statement prepared by Parse: its parameter types, its result columns and a way to bind it.
 *
 * <p>Called only by the connection's session thread, like {@link PgSession}.
 */
public interface PgPreparedStatement {
    /** The parameter types, one per parameter number ($1 first): declared by the client or inferred. */
    List<DataType> parameterTypes();

    /**
     * The columns the statement returns, for Describe of the statement; empty when it returns no
     * rows. May validate or plan the statement, never runs a job.
     */
    Optional<RowType> resultColumns();

    /**
     * Bind: a portal over the statement with these parameter values (one per parameter, Java
     * values per the TypeKind convention of {@link #parameterTypes()}, {@code null} for SQL NULL).
     * Nothing runs until the portal's columns or rows are asked for.
     */
    PgPortal bind(List<Object> parameters);
}
