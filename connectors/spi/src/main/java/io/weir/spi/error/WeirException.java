package io.weir.spi.error;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one exception type that reaches users: an {@link ErrorCode}, a message written for the
 * person who typed the statement, and where in the statement the problem is when that is known.
 */
public class WeirException extends RuntimeException {
    private final ErrorCode code;
    private final SourcePosition position;

    public WeirException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    public WeirException(ErrorCode code, String message, Throwable cause) {
        this(code, null, message, cause);
    }

    public WeirException(ErrorCode code, SourcePosition position, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.position = position;
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<SourcePosition> position() {
        return Optional.ofNullable(position);
    }

    /** The same error moved by {@code lineDelta} lines and {@code offsetDelta} characters. */
    public WeirException shifted(int lineDelta, int offsetDelta) {
        if (position == null) {
            return this;
        }
        SourcePosition moved = new SourcePosition(position.line() + lineDelta, position.column(),
                position.offset() + offsetDelta);
        WeirException copy = new WeirException(code, moved, getMessage(), getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
