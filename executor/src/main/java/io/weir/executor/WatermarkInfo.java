package io.weir.executor;

/**
 * The watermark of one subtask as it last changed, for SHOW WATERMARKS: the operator chain (named by
 * its last vertex), the subtask, the watermark in epoch millis (null before the first), and in words
 * what holds it where it is (an input that has sent none yet, idle inputs, the slowest input).
 */
public record WatermarkInfo(String vertex, int subtask, Long watermark, String status) implements java.io.Serializable {
}
