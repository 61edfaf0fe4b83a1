/** The {@code weir} command line: argument handling and presentation over the server and pgwire. */
package io.weir.cli;
