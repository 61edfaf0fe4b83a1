package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.RowType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The extended query protocol of one connection: prepared statements and portals by name ("" is
 * the unnamed one), and the answers to Parse, Bind, Describe, Execute and Close.
 *
 * <p>A failing message throws; the connection then sends the ErrorResponse and skips messages
 * until Sync. Portals live until Close, until the transaction ends (COMMIT, ROLLBACK, or Sync
 * outside a transaction block; see {@link #closePortals()}), or until the unnamed portal is
 * replaced. Session thread only.
 */
final class PgExtendedProtocol {
    private static final short TEXT = 0;
    private static final short BINARY = 1;

    private final PgConnectionHandler connection;
    private final Map<String, Prepared> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();

    /** A prepared statement with the type OIDs the client declared (0 = inferred). */
    private record Prepared(PgPreparedStatement statement, List<Integer> declaredOids) {
    }

    /** A portal with its result formats, resolved once its columns are known. */
    private static final class Portal {
        final PgPortal engine;
        final List<Short> requestedFormats;
        RowType columns;
        List<Short> formats;
        boolean described;
        boolean done;

        Portal(PgPortal engine, List<Short> requestedFormats) {
            this.engine = engine;
            this.requestedFormats = requestedFormats;
        }
    }

    PgExtendedProtocol(PgConnectionHandler connection) {
        this.connection = requireNonNull(connection, "connection is null");
    }

    void parse(PgSession session, FrontendMessage.Parse parse) {
        if (!parse.name().isEmpty() && statements.containsKey(parse.name())) {
            throw new WeirException(ErrorCode.DUPLICATE_OBJECT, "prepared statement \"" + parse.name()
                    + "\" already exists");
        }
        List<DataType> declared = new ArrayList<>();
        for (int oid : parse.parameterTypes()) {
            declared.add(PgParameterValues.declaredType(oid));
        }
        PgPreparedStatement statement = session.prepare(parse.sql(), declared);
        statements.put(parse.name(), new Prepared(statement, parse.parameterTypes()));
        connection.send(BackendMessage.Bare.PARSE_COMPLETE);
    }

    void bind(FrontendMessage.Bind bind) {
        Prepared prepared = statement(bind.statement());
        List<DataType> types = prepared.statement().parameterTypes();
        if (bind.values().size() != types.size()) {
            throw new WeirException(ErrorCode.PROTOCOL_VIOLATION, "bind message supplies " + bind.values().size()
                    + " parameters, but prepared statement \"" + bind.statement() + "\" requires " + types.size());
        }
        List<Object> values = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            byte[] bytes = bind.values().get(i);
            if (bytes == null) {
                values.add(null);
            } else if (format(bind.parameterFormats(), i) == BINARY) {
                int oid = i < prepared.declaredOids().size() ? prepared.declaredOids().get(i) : 0;
                values.add(PgBinaryFormat.decode(bytes, oid, types.get(i)));
            } else {
                values.add(PgParameterValues.parseText(bytes, types.get(i)));
            }
        }
        if (!bind.portal().isEmpty() && portals.containsKey(bind.portal())) {
            throw new WeirException(ErrorCode.DUPLICATE_OBJECT, "cursor \"" + bind.portal() + "\" already exists");
        }
        closePortal(bind.portal());
        portals.put(bind.portal(), new Portal(prepared.statement().bind(values), bind.resultFormats()));
        connection.send(BackendMessage.Bare.BIND_COMPLETE);
    }

    void describe(FrontendMessage.Describe describe) {
        if (describe.kind() == 'S') {
            PgPreparedStatement statement = statement(describe.name()).statement();
            connection.send(new BackendMessage.ParameterDescription(statement.parameterTypes().stream()
                    .map(type -> PgColumnType.of(type).oid()).toList()));
            Optional<RowType> columns = statement.resultColumns();
            connection.send(columns.isPresent() ? rowDescription(columns.get(), List.of()) : BackendMessage.Bare.NO_DATA);
            return;
        }
        Portal portal = portal(describe.name());
        start(portal);
        portal.described = true;
        connection.send(portal.columns == null ? BackendMessage.Bare.NO_DATA
                : rowDescription(portal.columns, portal.formats));
    }

    void execute(FrontendMessage.Execute execute) {
        Portal portal = portal(execute.portal());
        if (portal.done) {
            // PostgreSQL answers a finished portal with an empty completion
            connection.send(new BackendMessage.CommandComplete(portal.columns == null ? "" : "SELECT 0"));
            return;
        }
        start(portal);
        long[] sent = {0};
        boolean complete = portal.engine.fetch(execute.maxRows(), row -> {
            connection.checkRunnable();
            connection.sendRow(dataRow(row, portal));
            sent[0]++;
        });
        for (String notice : portal.engine.takeNotices()) {
            connection.send(PgErrors.notice(notice));
        }
        if (complete) {
            portal.done = true;
            String tag = portal.engine.completionTag(sent[0]);
            connection.send(tag.isEmpty() ? new BackendMessage.EmptyQueryResponse() : new BackendMessage.CommandComplete(tag));
            portal.engine.close();
        } else {
            connection.send(BackendMessage.Bare.PORTAL_SUSPENDED);
        }
    }

    void close(FrontendMessage.Close close) {
        if (close.kind() == 'S') {
            statements.remove(close.name());
        } else {
            closePortal(close.name());
        }
        connection.send(BackendMessage.Bare.CLOSE_COMPLETE);
    }

    /** Closes every portal: the transaction they belong to ended. */
    void closePortals() {
        List<String> names = new ArrayList<>(portals.keySet());
        names.forEach(this::closePortal);
    }

    /** Closes everything: the connection ends. */
    void closeAll() {
        closePortals();
        statements.clear();
    }

    private void closePortal(String name) {
        Portal portal = portals.remove(name);
        if (portal != null) {
            portal.engine.close();
        }
    }

    private void start(Portal portal) {
        if (portal.formats != null) {
            return;
        }
        RowType columns = portal.engine.columns().orElse(null);
        List<Short> formats = new ArrayList<>();
        if (columns != null) {
            for (int i = 0; i < columns.size(); i++) {
                formats.add(format(portal.requestedFormats, i));
            }
        }
        portal.columns = columns;
        portal.formats = formats;
    }

    private BackendMessage.DataRow dataRow(Object[] row, Portal portal) {
        RowType columns = portal.columns;
        if (columns == null || row.length != columns.size()) {
            throw new IllegalStateException("row of " + row.length + " values for " + (columns == null ? 0
                    : columns.size()) + " columns");
        }
        byte[][] encoded = new byte[row.length][];
        for (int i = 0; i < row.length; i++) {
            DataType type = columns.type(i);
            if (portal.formats.get(i) == BINARY) {
                encoded[i] = PgBinaryFormat.encode(row[i], type);
            } else {
                String text = PgTextFormat.format(row[i], type);
                encoded[i] = text == null ? null : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return new BackendMessage.DataRow(encoded);
    }

    private static BackendMessage.RowDescription rowDescription(RowType columns, List<Short> formats) {
        List<BackendMessage.Column> description = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            description.add(new BackendMessage.Column(columns.field(i).name(), PgColumnType.of(columns.type(i))));
        }
        return new BackendMessage.RowDescription(description, formats);
    }

    private static short format(List<Short> formats, int index) {
        short format = formats.isEmpty() ? TEXT : formats.size() == 1 ? formats.get(0) : formats.get(index);
        if (format != TEXT && format != BINARY) {
            throw new WeirException(ErrorCode.PROTOCOL_VIOLATION, "unsupported format code: " + format);
        }
        return format;
    }

    private Prepared statement(String name) {
        Prepared prepared = statements.get(name);
        if (prepared == null) {
            throw new WeirException(ErrorCode.UNDEFINED_OBJECT, name.isEmpty()
                    ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return prepared;
    }

    private Portal portal(String name) {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new WeirException(ErrorCode.UNDEFINED_OBJECT, name.isEmpty()
                    ? "unnamed portal does not exist" : "portal \"" + name + "\" does not exist");
        }
        return portal;
    }
}
