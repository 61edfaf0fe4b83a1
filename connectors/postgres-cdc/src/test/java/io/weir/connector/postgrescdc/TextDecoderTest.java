package io.weir.connector.postgrescdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text decoder on the forms PostgreSQL prints that the type ITs do not all reach. */
class TextDecoderTest {
    @Test
    void timestampsWithAnyOffsetForm() {
        DataType ltz = DataType.of(TypeKind.TIMESTAMP_LTZ);
        long expected = Instant.parse("2024-01-02T03:04:05.120Z").toEpochMilli();
        assertThat(TextDecoder.decode("2024-01-02 03:04:05.12+00", ltz, "c")).isEqualTo(expected);
        assertThat(TextDecoder.decode("2024-01-02 08:34:05.12+05:30", ltz, "c")).isEqualTo(expected);
        assertThat(TextDecoder.decode("2024-01-01 22:04:05.12-05", ltz, "c")).isEqualTo(expected);
        assertThat(TextDecoder.decode("2024-01-02 03:04:05.12", DataType.timestamp(3), "c"))
                .isEqualTo(LocalDateTime.parse("2024-01-02T03:04:05.12").toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(TextDecoder.decode("2024-01-02 03:04:05+01", DataType.timestamp(3), "c"))
                .isEqualTo(LocalDateTime.parse("2024-01-02T02:04:05").toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    @Test
    void nestedArrays() {
        DataType matrix = DataType.array(DataType.array(DataType.of(TypeKind.INT)));
        assertThat(TextDecoder.decode("{{1,2},{3,NULL}}", matrix, "c"))
                .isEqualTo(List.of(List.of(1, 2), Arrays.asList(3, null)));
        assertThat(TextDecoder.decode("[0:1]={5,6}", DataType.array(DataType.of(TypeKind.INT)), "c"))
                .isEqualTo(List.of(5, 6));
    }

    @Test
    void aBadValueNamesTheColumn() {
        assertThatThrownBy(() -> TextDecoder.decode("NaN", DataType.decimal(10, 2), "amount"))
                .hasMessageContaining("'amount'").hasMessageContaining("NaN");
    }
}
