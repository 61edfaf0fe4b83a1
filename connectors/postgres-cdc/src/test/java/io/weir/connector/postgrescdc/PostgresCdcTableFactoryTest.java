package io.weir.connector.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.connector.ConfigOption;
import io.weir.spi.connector.TableFactory;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.Field;
import io.weir.spi.type.RowType;
import io.weir.spi.type.TypeKind;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Option checking of the postgres-cdc connector, before any connection is made. */
class PostgresCdcTableFactoryTest {
    private static final RowType ORDERS = new RowType(List.of(
            new Field("id", DataType.of(TypeKind.BIGINT)), new Field("customer", DataType.of(TypeKind.STRING))));

    private static Map<String, String> options() {
        return CdcTestSupport.options(5432, "orders", "weir_orders");
    }

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(TableFactory.class).stream().map(p -> p.get().identifier()))
                .contains("postgres-cdc");
    }

    @Test
    void acceptsTheFlinkCdcOptions() {
        Map<String, String> options = options();
        options.put("decoding.plugin.name", "pgoutput");
        options.put("scan.startup.mode", "latest-offset");
        options.put("debezium.publication.name", "weir_pub");
        options.put("scan.incremental.snapshot.chunk.size", "4096");
        var context = CdcTestSupport.context(ORDERS, options, List.of("id"), List.of("op_ts", "lsn"));
        assertThat(new PostgresCdcTableFactory().createSource(context).isBounded()).isFalse();
    }

    @Test
    void passwordIsSensitive() {
        assertThat(new PostgresCdcTableFactory().options()).filteredOn(o -> o.key().equals("password"))
                .singleElement().matches(ConfigOption::isSensitive);
    }

    @Test
    void refusesATableWithoutPrimaryKey() {
        assertThatThrownBy(() -> CdcTestSupport.context(ORDERS, options(), List.of(), List.of()))
                .isInstanceOf(WeirException.class).hasMessageContaining("needs a primary key")
                .hasMessageContaining("PRIMARY KEY (...) NOT ENFORCED");
    }

    @Test
    void refusesOtherDecodingPlugins() {
        Map<String, String> options = options();
        options.put("decoding.plugin.name", "decoderbufs");
        assertThatThrownBy(() -> CdcTestSupport.context(ORDERS, options, List.of("id"), List.of()))
                .hasMessageContaining("'decoding.plugin.name'").hasMessageContaining("expected pgoutput");
    }

    @Test
    void badOptionsNameTheOptionAndTheAllowedValues() {
        Map<String, String> options = options();
        options.put("scan.startup.mode", "earliest-offset");
        assertThatThrownBy(() -> CdcTestSupport.context(ORDERS, options, List.of("id"), List.of()))
                .hasMessageContaining("'scan.startup.mode'").hasMessageContaining("initial, latest-offset");
        Map<String, String> unknown = options();
        unknown.put("slot.nmae", "x");
        assertThatThrownBy(() -> CdcTestSupport.context(ORDERS, unknown, List.of("id"), List.of()))
                .hasMessageContaining("Unknown option 'slot.nmae'").hasMessageContaining("slot.name");
        Map<String, String> missing = options();
        missing.remove("slot.name");
        assertThatThrownBy(() -> CdcTestSupport.context(ORDERS, missing, List.of("id"), List.of()))
                .hasMessageContaining("'slot.name'");
    }

    @Test
    void refusesUnknownMetadataKeys() {
        assertThatThrownBy(() -> CdcTestSupport.context(ORDERS, options(), List.of("id"), List.of("row_kind")))
                .hasMessageContaining("'row_kind'").hasMessageContaining("op_ts");
    }

    @Test
    void thePasswordStaysOutOfTheConfigText() {
        Map<String, String> options = options();
        options.put("password", "s3cr3t-value");
        var context = CdcTestSupport.context(ORDERS, options, List.of("id"), List.of());
        assertThat(new PostgresCdcTableFactory().createSource(context).toString()).doesNotContain("s3cr3t");
        assertThat(context.options().get(PostgresCdcOptions.PASSWORD)).isEqualTo("s3cr3t-value");
    }
}
