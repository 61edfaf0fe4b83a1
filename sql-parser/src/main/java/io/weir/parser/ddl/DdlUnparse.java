package io.weir.parser.ddl;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/** Small helpers for unparsing and reading the parts of DDL statements. */
final class DdlUnparse {
    private DdlUnparse() {
    }

    /** Writes {@code (a, b, ...)}. */
    static void parenthesized(SqlWriter writer, List<? extends SqlNode> nodes) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode node : nodes) {
            writer.sep(",");
            node.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /** Returns the value of a character literal, without quotes. */
    static String stringValue(SqlNode literal) {
        return ((SqlLiteral) literal).getValueAs(String.class);
    }

    /** Returns the simple names of a list of identifiers. */
    static List<String> simpleNames(SqlNodeList identifiers) {
        return identifiers.stream()
                .map(node -> ((SqlIdentifier) node).getSimple())
                .toList();
    }
}
