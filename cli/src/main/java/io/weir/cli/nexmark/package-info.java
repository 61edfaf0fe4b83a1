/** Code the Nexmark queries load as user code: q14's {@code count_char} function. */
package io.weir.cli.nexmark;
