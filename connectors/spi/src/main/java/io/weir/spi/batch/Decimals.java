package io.weir.spi.batch;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** DECIMAL(p, s) rules shared by every reader and writer of decimals. */
public final class Decimals {
    private Decimals() {
    }

    /** {@code value} at exactly {@code scale} (rounding half up), failing when it needs more than {@code precision} digits. */
    public static BigDecimal rescale(BigDecimal value, int precision, int scale) {
        BigDecimal scaled = value.scale() == scale ? value : value.setScale(scale, RoundingMode.HALF_UP);
        if (scaled.precision() > precision) {
            throw new WeirException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                    "Value " + value.toPlainString() + " does not fit DECIMAL(" + precision + ", " + scale + ")");
        }
        return scaled;
    }
}
