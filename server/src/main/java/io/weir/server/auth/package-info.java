/** Users and their SCRAM-SHA-256 verifiers, for servers started with {@code --auth scram}. */
package io.weir.server.auth;
